//! Submitting (which seals the scorecard) and amending it (never silently): the seal panel,
//! the amendment draft and the list of amendments.

use super::*;

/// Submit, the seal, amending and the amendment history.
pub(super) fn seal_ui(
    ui: &mut egui::Ui,
    active: &mut crate::ui::session::ActiveSession,
    view: &mut ScorecardViewState,
    notices: &mut Commands,
) {
    let now = || chrono::Local::now().fixed_offset();
    ui.add_space(4.0);
    if !active.session.is_sealed() {
        ui.label(egui::RichText::new("Submit").size(16.0).strong());
        let unrated = active.session.unrated_count();
        if unrated > 0 {
            ui.label(
                egui::RichText::new(format!(
                    "{unrated} question{} not rated.",
                    if unrated == 1 { " is" } else { "s are" }
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        ui.label(
            egui::RichText::new(
                "Submitting seals the scorecard with the time and a hash of its content. Later changes are kept as dated amendments.",
            )
            .small()
            .weak(),
        );
        ui.add_space(4.0);
        let submit = egui::Button::new(egui::RichText::new("Submit scorecard").size(16.0).strong())
            .min_size(egui::vec2(180.0, 32.0));
        let mut submit_now = false;
        if ui.add(submit).clicked() {
            // Without a recommendation Submit refuses at once and says why; otherwise it asks.
            if active.session.recommendation.is_none() {
                submit_now = true;
            } else {
                view.confirm_submit = true;
            }
        }
        if view.confirm_submit {
            match confirm_submit_ui(ui, &active.session) {
                Some(true) => submit_now = true,
                Some(false) => view.confirm_submit = false,
                None => {}
            }
        }
        if submit_now {
            view.confirm_submit = false;
            match active.session.submit(now()) {
                Ok(()) => {
                    view.submit_error = None;
                    active.changed();
                    active.save_now();
                    notices.success(
                        format!(
                            "Scorecard for {} submitted and sealed",
                            active.session.candidate
                        ),
                        active.path.parent().map(std::path::Path::to_path_buf),
                    );
                }
                Err(err) => view.submit_error = Some(sentence(&err.to_string())),
            }
        }
        if let Some(error) = &view.submit_error {
            ui.label(egui::RichText::new(format!("⚠ {error}")).color(ui.visuals().error_fg_color));
        }
        return;
    }
    if let Some(submission) = &active.session.submitted {
        ui.label(
            egui::RichText::new(format!(
                "✔ Submitted {}",
                submission.at.format("%Y-%m-%d %H:%M %:z")
            ))
            .size(16.0)
            .strong(),
        );
        seal_line(ui, "Seal", &submission.content_hash);
        if let Some(last) = active.session.amendments.last() {
            seal_line(ui, "Current seal", &last.content_hash);
        }
        // The signature is added when the scorecard is saved; until then say so.
        let signature = match crate::model::signature::check(&active.session) {
            // Submitted or amended here (the seal matches): the save signs it anew.
            crate::model::signature::SignatureCheck::UnsignedOlder
            | crate::model::signature::SignatureCheck::Invalid { .. }
                if !active.session.is_tampered() =>
            {
                "Signature: made with your key when saved".to_string()
            }
            other => format!("Signature: {}", other.label()),
        };
        ui.label(egui::RichText::new(signature).small().weak());
    }
    ui.add_space(4.0);
    match &mut view.amend {
        None => {
            if ui
                .button("Amend…")
                .on_hover_text("Change the submitted scorecard; the change is recorded with its date and your reason")
                .clicked()
            {
                view.amend = Some(AmendDraft {
                    draft: active.session.clone(),
                    reason: String::new(),
                });
                view.amend_error = None;
            }
        }
        Some(amend) => {
            let mut save = false;
            let mut discard = false;
            let amend_error = &mut view.amend_error;
            egui::Frame::new()
                .stroke(egui::Stroke::new(1.0, ui.visuals().warn_fg_color))
                .corner_radius(6.0)
                .inner_margin(egui::Margin::same(8))
                .show(ui, |ui| {
                    ui.label(egui::RichText::new("Amending").strong().color(ui.visuals().warn_fg_color));
                    ui.label(
                        "Change anything on this scorecard, say why, then save. Until you save, the submitted scorecard stays as it was.",
                    );
                    ui.add_space(4.0);
                    let label = ui.label("Reason for the amendment");
                    let reason = ui
                        .add(
                            egui::TextEdit::multiline(&mut amend.reason)
                                .desired_rows(2)
                                .desired_width(f32::INFINITY)
                                .hint_text("e.g. Rating corrected after re-reading my notes"),
                        )
                        .labelled_by(label.id);
                    if reason.changed() {
                        *amend_error = None;
                    }
                    ui.horizontal(|ui| {
                        save = ui.button(egui::RichText::new("Save amendment").strong()).clicked();
                        discard = ui.button("Discard changes").clicked();
                    });
                    if let Some(error) = amend_error {
                        ui.label(egui::RichText::new(format!("⚠ {error}")).color(ui.visuals().error_fg_color));
                    }
                });
            if discard {
                view.amend = None;
                view.amend_error = None;
            } else if save {
                save_amendment(active, view, notices, now());
            }
        }
    }
}

pub(super) fn save_amendment(
    active: &mut crate::ui::session::ActiveSession,
    view: &mut ScorecardViewState,
    notices: &mut Commands,
    now: chrono::DateTime<chrono::FixedOffset>,
) {
    let Some(amend) = &view.amend else { return };
    if amend.reason.trim().is_empty() {
        view.amend_error = Some(
            "Say why you are amending the scorecard; the reason is kept with the change.".into(),
        );
        return;
    }
    let mut draft = amend.draft.clone();
    if !draft.record_amendment(&active.session, &amend.reason, now) {
        view.amend_error =
            Some("Nothing has changed yet. Change the scorecard, or discard the amendment.".into());
        return;
    }
    let count = draft.amendments.last().map_or(0, |a| a.changes.len());
    active.session = draft;
    active.changed();
    active.save_now();
    view.amend = None;
    view.amend_error = None;
    notices.success(
        format!(
            "Amendment saved ({} change{})",
            count,
            if count == 1 { "" } else { "s" }
        ),
        active.path.parent().map(std::path::Path::to_path_buf),
    );
}

pub(super) fn seal_line(ui: &mut egui::Ui, what: &str, hash: &str) {
    let short: String = hash.chars().take(12).collect();
    ui.label(
        egui::RichText::new(format!("{what}: SHA-256 {short}…"))
            .small()
            .monospace()
            .weak(),
    )
    .on_hover_text(format!("SHA-256 of the scorecard content:\n{hash}"));
}

pub(super) fn amendments_ui(ui: &mut egui::Ui, session: &Session) {
    if session.amendments.is_empty() {
        return;
    }
    ui.add_space(10.0);
    ui.label(egui::RichText::new(format!("Amendments ({})", session.amendments.len())).strong());
    for amendment in session.amendments.iter().rev() {
        egui::Frame::new()
            .fill(ui.visuals().faint_bg_color)
            .corner_radius(4.0)
            .inner_margin(egui::Margin::same(6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    egui::RichText::new(amendment.at.format("%Y-%m-%d %H:%M %:z").to_string())
                        .strong(),
                );
                if !amendment.reason.is_empty() {
                    ui.label(format!("Reason: {}", amendment.reason));
                }
                for change in &amendment.changes {
                    ui.label(egui::RichText::new(format!("• {change}")).small());
                }
                seal_line(ui, "Seal", &amendment.content_hash);
            });
        ui.add_space(2.0);
    }
}
