//! Notices: errors that stay until read, and brief confirmations.

use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Stays until dismissed.
    Error,
    /// Stays until dismissed.
    Warning,
    /// Fades after a few seconds.
    Success,
}

#[derive(Clone, Debug)]
pub struct Notice {
    pub kind: NoticeKind,
    pub title: String,
    /// Further lines, e.g. one per file problem.
    pub details: Vec<String>,
    /// A folder to offer in an "Open folder" button.
    pub folder: Option<PathBuf>,
    pub created_secs: f64,
}

impl Notice {
    pub fn new(
        kind: NoticeKind,
        title: String,
        details: Vec<String>,
        folder: Option<PathBuf>,
    ) -> Notice {
        Notice {
            kind,
            title,
            details,
            folder,
            created_secs: f64::NAN,
        }
    }
}

// Compared by what they say, not when they appeared.
impl PartialEq for Notice {
    fn eq(&self, other: &Self) -> bool {
        (self.kind, &self.title, &self.details, &self.folder)
            == (other.kind, &other.title, &other.details, &other.folder)
    }
}

#[derive(Default, Debug)]
pub struct Notices {
    pub items: Vec<Notice>,
}

const SUCCESS_SECS: f64 = 6.0;

impl Notices {
    pub fn error(&mut self, title: impl Into<String>, details: Vec<String>) {
        self.push(NoticeKind::Error, title.into(), details, None);
    }

    pub fn warning(&mut self, title: impl Into<String>, details: Vec<String>) {
        self.push(NoticeKind::Warning, title.into(), details, None);
    }

    pub fn success(&mut self, title: impl Into<String>, folder: Option<PathBuf>) {
        self.push(NoticeKind::Success, title.into(), Vec::new(), folder);
    }

    fn push(
        &mut self,
        kind: NoticeKind,
        title: String,
        details: Vec<String>,
        folder: Option<PathBuf>,
    ) {
        self.add(Notice::new(kind, title, details, folder));
    }

    /// Shows a notice a screen asked for.
    pub fn add(&mut self, notice: Notice) {
        self.items.push(notice);
    }

    /// Whether the strip under the top bar has anything to show: errors and warnings, which
    /// stay until dismissed. Confirmations float over the window instead (see
    /// [`Self::confirmations_ui`]), so they never move what is under the pointer.
    pub fn has_lasting(&self) -> bool {
        self.items.iter().any(|n| n.kind != NoticeKind::Success)
    }

    /// Draws errors and warnings as a strip under the top bar.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        let mut dismissed = None;
        for (index, notice) in self.items.iter_mut().enumerate() {
            if notice.kind == NoticeKind::Success {
                continue;
            }
            if notice_ui(ui, notice, now) {
                dismissed = Some(index);
            }
            ui.add_space(4.0);
        }
        if let Some(index) = dismissed {
            self.items.remove(index);
            // Redraw so the now-empty notice strip disappears at once.
            ui.ctx().request_repaint();
        }
    }

    /// Draws confirmations ("Saved to …") floating at the bottom right, over the page rather
    /// than in it, and lets them fade after a few seconds.
    pub fn confirmations_ui(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        self.items.retain_mut(|notice| {
            if notice.kind != NoticeKind::Success {
                return true;
            }
            if notice.created_secs.is_nan() {
                notice.created_secs = now;
            }
            now - notice.created_secs <= SUCCESS_SECS
        });
        if !self.items.iter().any(|n| n.kind == NoticeKind::Success) {
            return;
        }
        let width = (ctx.content_rect().width() - 32.0).clamp(200.0, 460.0);
        let mut dismissed = None;
        egui::Area::new(egui::Id::unique("confirmations"))
            .order(egui::Order::Foreground)
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
            .show(ctx, |ui| {
                ui.set_max_width(width);
                for (index, notice) in self.items.iter_mut().enumerate() {
                    if notice.kind == NoticeKind::Success && notice_ui(ui, notice, now) {
                        dismissed = Some(index);
                    }
                }
            });
        if let Some(index) = dismissed {
            self.items.remove(index);
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
    }
}

/// One notice in a frame; returns true when it was dismissed.
fn notice_ui(ui: &mut egui::Ui, notice: &mut Notice, now: f64) -> bool {
    if notice.created_secs.is_nan() {
        notice.created_secs = now;
    }
    let mut dismissed = false;
    let (fill, stroke) = colours(ui, notice.kind);
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, stroke))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(12, 8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                let icon = match notice.kind {
                    NoticeKind::Error => "⚠",
                    NoticeKind::Warning => "ℹ",
                    NoticeKind::Success => "✔",
                };
                ui.label(egui::RichText::new(icon).color(stroke).strong());
                ui.add(egui::Label::new(egui::RichText::new(&notice.title).strong()).wrap());
                if ui.button("Dismiss").clicked() {
                    dismissed = true;
                }
                if let Some(folder) = &notice.folder {
                    if ui.button("Open folder").clicked() {
                        ui.ctx().open_url(egui::OpenUrl::new_tab(format!(
                            "file://{}",
                            folder.display()
                        )));
                    }
                }
            });
            if !notice.details.is_empty() {
                let shown = notice.details.len().min(8);
                for line in &notice.details[..shown] {
                    ui.add(egui::Label::new(egui::RichText::new(line).monospace().small()).wrap());
                }
                if notice.details.len() > shown {
                    ui.label(format!("… and {} more", notice.details.len() - shown));
                }
            }
        });
    dismissed
}

fn colours(ui: &egui::Ui, kind: NoticeKind) -> (egui::Color32, egui::Color32) {
    let tokens = crate::ui::style::theme::tokens(ui);
    match kind {
        NoticeKind::Error => (tokens.bad_bg, tokens.bad),
        NoticeKind::Warning => (tokens.warn_bg, tokens.warn),
        NoticeKind::Success => (tokens.good_bg, tokens.good),
    }
}
