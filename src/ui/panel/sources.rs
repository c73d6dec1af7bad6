//! Where the Panel's scorecards come from: files and folders dropped, picked or typed, what was
//! read and set aside, and the exports of the comparison.

use super::*;

pub(super) fn take_dropped_files(ui: &mut egui::Ui, view: &mut PanelViewState) {
    let (dropped, hovering) = ui.input(|i| {
        (
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect::<Vec<_>>(),
            !i.raw.hovered_files.is_empty(),
        )
    });
    if !dropped.is_empty() {
        view.add_sources(dropped, ui.ctx());
    }
    if hovering {
        let rect = ui.ctx().content_rect();
        let painter = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("panel_drop"),
        ));
        let tokens = crate::ui::style::theme::tokens(ui);
        painter.rect_filled(rect, 0.0, tokens.scrim);
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop scorecard files or a folder to add them to the panel",
            egui::FontId::proportional(22.0),
            tokens.on_scrim,
        );
    }
}

pub(super) fn load_bar_ui(
    ui: &mut egui::Ui,
    view: &mut PanelViewState,
    interviewer: &mut String,
    notices: &mut Commands,
) {
    let busy = view.picking.is_some();
    // Wraps onto a second row when narrow (a small window, a large zoom) instead of overlapping.
    ui.horizontal_wrapped(|ui| {
        if view.native_dialogs {
            if ui
                .add_enabled(!busy, egui::Button::new("Add files…"))
                .on_hover_text("Choose scorecard files (.ron); several at once")
                .clicked()
            {
                view.pick(PickKind::Files, ui.ctx());
            }
            if ui
                .add_enabled(!busy, egui::Button::new("Open folder…"))
                .on_hover_text("The panel's shared folder: every scorecard in it loads, and it is re-read when files change")
                .clicked()
            {
                view.pick(PickKind::Folder, ui.ctx());
            }
            ui.separator();
        }
        let label = ui.label("File or folder");
        let field = ui.add(
            egui::TextEdit::singleline(&mut view.path_input)
                .desired_width((ui.available_width() * 0.4).clamp(140.0, 320.0))
                .hint_text("e.g. ~/Shared/panel-backend"),
        );
        let field = field.labelled_by(label.id);
        if std::mem::take(&mut view.focus_path) {
            field.request_focus();
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let typed = typed_path(&view.path_input);
        let add = ui.add_enabled(typed.is_some(), egui::Button::new("Add")).on_hover_text("Add this file or folder to the panel");
        if (add.clicked() || enter)
            && let Some(path) = typed
        {
            view.path_input.clear();
            view.add_sources(vec![path], ui.ctx());
        }
        if !view.sources.is_empty() {
            ui.separator();
            if ui
                .add_enabled(!view.is_loading(), egui::Button::new("Reload"))
                .on_hover_text("Read every file and folder again")
                .clicked()
            {
                view.reload(ui.ctx());
            }
            if ui.button("Clear").on_hover_text("Forget the loaded scorecards (the files stay)").clicked() {
                view.clear();
            }
        }
        if busy {
            ui.spinner();
            ui.label("Choose in the file dialog…");
        }
        ui.separator();
        export_buttons_ui(ui, view, interviewer, notices);
    });
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut view.independent, "Independent scoring").on_hover_text(
            "Hide other interviewers' ratings, notes and recommendations for a candidate until your own scorecard for that candidate is submitted, so nobody anchors on someone else's view.",
        );
        let label = ui.label("Your name as interviewer");
        ui.add(
            egui::TextEdit::singleline(interviewer)
                .desired_width(190.0)
                .hint_text("as on your scorecards"),
        )
        .labelled_by(label.id);
        ui.separator();
        status_ui(ui, view);
    });
    if let Some(note) = &view.note {
        ui.label(egui::RichText::new(note).color(ui.visuals().warn_fg_color));
    }
    rejected_ui(ui, view);
}

fn status_ui(ui: &mut egui::Ui, view: &PanelViewState) {
    if view.is_loading() {
        ui.spinner();
        ui.label("Reading scorecards…");
        return;
    }
    if view.sources.is_empty() {
        ui.label(egui::RichText::new("No scorecards loaded").weak());
        return;
    }
    let candidates: HashSet<String> = view
        .sessions
        .iter()
        .map(|s| panel::person_key(&s.candidate))
        .collect();
    let mut text = format!(
        "{} scorecard{} for {} candidate{}",
        view.sessions.len(),
        plural(view.sessions.len()),
        candidates.len(),
        plural(candidates.len())
    );
    if !view.folders.is_empty() {
        text.push_str(" · watching ");
        text.push_str(
            &view
                .folders
                .iter()
                .map(|f| {
                    f.file_name().map_or_else(
                        || f.display().to_string(),
                        |n| n.to_string_lossy().to_string(),
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        );
        text.push_str(" for changes");
    }
    if let Some(at) = view.last_read {
        text.push_str(&format!(" · read {}", at.format("%H:%M:%S")));
    }
    let sources: Vec<String> = view
        .sources
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    ui.label(text)
        .on_hover_text(format!("Loaded from:\n{}", sources.join("\n")));
}

fn rejected_ui(ui: &mut egui::Ui, view: &PanelViewState) {
    if view.rejected.is_empty() {
        return;
    }
    let n = view.rejected.len();
    let title = egui::RichText::new(format!("⚠ {n} file{} not loaded; the rest did", plural(n)))
        .color(ui.visuals().warn_fg_color);
    egui::CollapsingHeader::new(title)
        .id_salt("panel_rejected")
        .default_open(n <= 3)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("panel_rejected_list")
                .max_height(120.0)
                .show(ui, |ui| {
                    for rejected in &view.rejected {
                        ui.horizontal_wrapped(|ui| {
                            let name = rejected.path.file_name().map_or_else(
                                || rejected.path.display().to_string(),
                                |n| n.to_string_lossy().to_string(),
                            );
                            ui.label(egui::RichText::new(name).strong())
                                .on_hover_text(rejected.path.display().to_string());
                            ui.label(rejected.reason.to_string());
                        });
                    }
                });
        });
}

fn export_buttons_ui(
    ui: &mut egui::Ui,
    view: &mut PanelViewState,
    interviewer: &str,
    notices: &mut Commands,
) {
    let enabled = !view.sessions.is_empty() && view.save.is_none();
    let mut wanted = None;
    if ui
        .add_enabled(enabled, egui::Button::new("Export CSV…"))
        .on_hover_text("One row per interviewer per question")
        .clicked()
    {
        wanted = Some(false);
    }
    if ui
        .add_enabled(enabled, egui::Button::new("Export Markdown…"))
        .on_hover_text(
            "Recommendations, aggregate, matrix, ranking and calibration, for the debrief",
        )
        .clicked()
    {
        wanted = Some(true);
    }
    let Some(markdown) = wanted else { return };
    // Export what this interviewer may see: candidates still hidden by independent scoring
    // are left out entirely.
    let visible: Vec<Session> = {
        let all = PanelComparison::build(&view.sessions);
        let shown: HashSet<&str> = all
            .candidates
            .iter()
            .filter(|c| panel::access(c, interviewer, view.independent).shows_others())
            .map(|c| c.key.as_str())
            .collect();
        view.sessions
            .iter()
            .filter(|s| shown.contains(panel::person_key(&s.candidate).as_str()))
            .cloned()
            .collect()
    };
    if visible.is_empty() {
        notices.warning(
            "Nothing to export yet: independent scoring hides every candidate",
            vec!["Submit your own scorecards (or turn off Independent scoring if you did not interview), then export.".into()],
        );
        return;
    }
    let comparison = PanelComparison::build(&visible);
    let (what, bytes, name) = if markdown {
        (
            "panel comparison (Markdown)",
            crate::export::comparison::markdown(&comparison).into_bytes(),
            "Panel-comparison.md",
        )
    } else {
        match crate::export::comparison::csv(&comparison) {
            Ok(text) => (
                "panel comparison (CSV)",
                text.into_bytes(),
                "Panel-comparison.csv",
            ),
            Err(err) => {
                notices.error(
                    "The comparison could not be exported",
                    vec![err.to_string()],
                );
                return;
            }
        }
    };
    let hidden = view.sessions.len() - visible.len();
    if hidden > 0 {
        view.note = Some(format!(
            "The export leaves out {hidden} scorecard{} of candidates still hidden by independent scoring.",
            plural(hidden)
        ));
    }
    // Not the shared folder: an export there would show every rating to interviewers who
    // have not submitted theirs yet.
    let folder = default_folder();
    view.save = Some(SaveDialog::new(
        what,
        bytes,
        name,
        &folder,
        view.native_dialogs,
    ));
}
