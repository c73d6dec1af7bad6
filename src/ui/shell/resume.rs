//! The offer to resume interviews left unfinished (a crash, a closed window).

use std::path::PathBuf;

use crate::model::Session;
use crate::ui::command::{Command, Commands};

/// Offers the unfinished interviews found at start, unless one is already open.
pub fn ui(
    ui: &mut egui::Ui,
    resumable: &[(PathBuf, Session)],
    interview_open: bool,
    commands: &mut Commands,
) {
    if resumable.is_empty() || interview_open {
        return;
    }
    let mut command = None;
    egui::Modal::new(egui::Id::unique("resume_offer")).show(ui.ctx(), |ui| {
            let room = ui.ctx().content_rect().size();
            ui.set_width((room.x - 64.0).clamp(240.0, 480.0));
            ui.heading("Resume an unfinished interview?");
            ui.label("These interviews were not finished, for example because the app closed. Everything typed up to the last second was kept.");
            ui.add_space(8.0);
            egui::ScrollArea::vertical()
                .max_height((room.y - 220.0).max(120.0))
                .show(ui, |ui| {
                    for (path, session) in resumable {
                        // Text first, wrapping, with the button under it: at any zoom the
                        // button never covers the description.
                        let answered = session
                            .questions
                            .iter()
                            .filter(|o| o.rating.is_some() || !o.notes.is_empty())
                            .count();
                        ui.strong(&session.candidate);
                        ui.label(
                            egui::RichText::new(format!(
                                "{} · started {} · question {} of {} · {} with notes or ratings",
                                if session.role.is_empty() { "No role" } else { &session.role },
                                session
                                    .started_at
                                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                                    .unwrap_or_default(),
                                session.current + 1,
                                session.questions.len(),
                                answered
                            ))
                            .small()
                            .weak(),
                        );
                        if ui.button("Resume").clicked() {
                            command = Some(Command::ResumeSession(path.clone()));
                        }
                        ui.separator();
                    }
                });
            if ui.button("Not now").clicked() {
                command = Some(Command::DismissResume);
            }
        });
    if let Some(command) = command {
        commands.push(command);
    }
}
