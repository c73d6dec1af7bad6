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
        self.items.push(Notice {
            kind,
            title,
            details,
            folder,
            created_secs: f64::NAN,
        });
    }

    /// Draws the notices as a strip under the top bar.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        let mut dismissed = None;
        for (index, notice) in self.items.iter_mut().enumerate() {
            if notice.created_secs.is_nan() {
                notice.created_secs = now;
            }
            if notice.kind == NoticeKind::Success && now - notice.created_secs > SUCCESS_SECS {
                dismissed = Some(index);
                continue;
            }
            let (fill, stroke) = colours(ui, notice.kind);
            egui::Frame::new()
                .fill(fill)
                .stroke(egui::Stroke::new(1.0, stroke))
                .corner_radius(6.0)
                .inner_margin(egui::Margin::symmetric(12, 8))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        let icon = match notice.kind {
                            NoticeKind::Error => "⚠",
                            NoticeKind::Warning => "ℹ",
                            NoticeKind::Success => "✔",
                        };
                        ui.label(egui::RichText::new(icon).color(stroke).strong());
                        ui.label(egui::RichText::new(&notice.title).strong());
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui.button("Dismiss").clicked() {
                                dismissed = Some(index);
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
                    });
                    if !notice.details.is_empty() {
                        let shown = notice.details.len().min(8);
                        for line in &notice.details[..shown] {
                            ui.label(egui::RichText::new(line).monospace().small());
                        }
                        if notice.details.len() > shown {
                            ui.label(format!("… and {} more", notice.details.len() - shown));
                        }
                    }
                });
            ui.add_space(4.0);
        }
        if let Some(index) = dismissed {
            self.items.remove(index);
            // Redraw so the now-empty notice strip disappears at once.
            ui.ctx().request_repaint();
        }
        if self.items.iter().any(|n| n.kind == NoticeKind::Success) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(500));
        }
    }
}

fn colours(ui: &egui::Ui, kind: NoticeKind) -> (egui::Color32, egui::Color32) {
    let dark = ui.visuals().dark_mode;
    match (kind, dark) {
        (NoticeKind::Error, false) => (
            egui::Color32::from_rgb(253, 236, 234),
            egui::Color32::from_rgb(180, 40, 30),
        ),
        (NoticeKind::Error, true) => (
            egui::Color32::from_rgb(70, 30, 28),
            egui::Color32::from_rgb(255, 130, 115),
        ),
        (NoticeKind::Warning, false) => (
            egui::Color32::from_rgb(254, 246, 225),
            egui::Color32::from_rgb(150, 100, 0),
        ),
        (NoticeKind::Warning, true) => (
            egui::Color32::from_rgb(60, 50, 25),
            egui::Color32::from_rgb(240, 200, 110),
        ),
        (NoticeKind::Success, false) => (
            egui::Color32::from_rgb(232, 246, 236),
            egui::Color32::from_rgb(30, 120, 60),
        ),
        (NoticeKind::Success, true) => (
            egui::Color32::from_rgb(28, 56, 38),
            egui::Color32::from_rgb(120, 210, 150),
        ),
    }
}
