//! The interview's dialogs: confirming Finish, and adding an ad-hoc question.

use super::*;

pub(super) fn finish_ui(ui: &mut egui::Ui, state: &mut InterviewFrame<'_>) {
    state.view.confirm_finish = true;
    let Some(active) = state.active.as_ref() else {
        return;
    };
    let unrated = active.session.unrated_count();
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("confirm_finish")).show(ui.ctx(), |ui| {
        ui.set_width(380.0);
        ui.heading("Finish the interview?");
        if unrated > 0 {
            ui.label(format!(
                "{unrated} question{} not rated yet; you can still rate on the scorecard.",
                if unrated == 1 { " is" } else { "s are" }
            ));
        }
        ui.add_space(8.0);
        let enter = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
        ui.horizontal(|ui| {
            if ui
                .button(egui::RichText::new("Finish and open scorecard").strong())
                .on_hover_text("Return")
                .clicked()
                || enter
            {
                state.commands.push(Command::FinishInterview);
                close = true;
            }
            if ui.button("Keep interviewing").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        state.view.confirm_finish = false;
        crate::ui::shell::input_hold::focus_will_move(ui.ctx());
    }
}

pub(super) fn ad_hoc_ui(ui: &mut egui::Ui, state: &mut InterviewFrame<'_>) {
    let Some(form) = &mut state.view.ad_hoc else {
        return;
    };
    let mut close = false;
    let mut add = false;
    let modal = egui::Modal::new(egui::Id::unique("ad_hoc")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        ui.heading("Add a question");
        ui.label("It goes right after the current question.");
        ui.add_space(6.0);
        let label = ui.label("Question");
        if !form.focused {
            // Before the field reads this frame's keys, so the first letters land in it; asked
            // again until it holds (a new dialog's first frame only measures its contents).
            ui.memory_mut(|m| m.request_focus(ad_hoc_question_id()));
        }
        // Return in the one-paragraph question moves on to the rubric (Shift+Return breaks
        // the line); in the rubric it starts a new point; Ctrl+Return adds the question.
        let question = ui
            .add(
                egui::TextEdit::multiline(&mut form.prompt)
                    .id(ad_hoc_question_id())
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .return_key(egui::KeyboardShortcut::new(
                        egui::Modifiers::SHIFT,
                        egui::Key::Enter,
                    )),
            )
            .labelled_by(label.id);
        form.focused |= question.has_focus();
        // Consumed, so the rubric field that takes focus now does not also read it as a
        // line break.
        if question.has_focus()
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
        {
            ui.memory_mut(|m| m.request_focus(ad_hoc_points_id()));
        }
        let label = ui.label("What to listen for (one point per line)");
        ui.add(
            egui::TextEdit::multiline(&mut form.points)
                .id(ad_hoc_points_id())
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let ready = !form.prompt.trim().is_empty();
        if ready && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter)) {
            add = true;
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready, egui::Button::new("Add question"))
                .on_hover_text("Ctrl+Return")
                .clicked()
            {
                add = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if add {
        if let Some(active) = state.active.as_mut() {
            let points: Vec<String> = form
                .points
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_string)
                .collect();
            let index = active.session.add_ad_hoc(&form.prompt, &points);
            active.session.go_to(index);
            active.changed();
        }
        close = true;
    }
    if close || modal.should_close() {
        state.view.ad_hoc = None;
        // Back to the notes, whichever question is now open; keys typed meanwhile wait for it.
        state.view.focused_for = None;
        crate::ui::shell::input_hold::focus_will_move(ui.ctx());
    }
}
