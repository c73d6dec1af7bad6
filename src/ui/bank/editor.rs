//! Editing the user's own questions from the Bank view: the buttons beside the preview (New
//! question, Edit, Duplicate, Delete, Copy to my questions), the editor window, undo for the
//! last delete, and reloading the bank after every change so the views show what is on disk.
//!
//! Bundled sets and sets loaded with `--bank` are read-only; their questions offer a copy in the
//! user's folder instead.

use std::path::Path;

use crate::model::{Level, QuestionBank, SetOrigin};
use crate::store::user_sets::{self, DeletedQuestion, MY_QUESTIONS_TITLE};
use crate::ui::bank::BankFrame;
use crate::ui::bank::editor_form::{self, Draft, EditMode, FormOutcome, QuestionEditor, SetChoice};
use crate::ui::command::Command;

/// The editor's part of the Bank view state.
#[derive(Default)]
pub struct EditorState {
    /// The open editor window.
    pub window: Option<QuestionEditor>,
    /// The last deleted question, offered for undo.
    pub undo: Option<DeletedQuestion>,
    /// What a button beside the preview asked for; carried out in [`ui`], which can reach the
    /// whole app state.
    pending: Option<Pending>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    New,
    Edit(usize),
    Duplicate(usize),
    Delete(usize),
    CopyQuestion(usize),
    CopySet(usize),
}

/// True while the editor or the import dialog is open: the Bank view's keys (Enter adds to
/// the plan, Alt+arrows move plan questions) must not fire behind them.
pub fn blocks_keys(state: &BankFrame<'_>) -> bool {
    state.view.editor.window.is_some() || state.view.import.is_open()
}

/// The user set a bank question belongs to, if it is editable.
fn user_set_of(bank: &QuestionBank, index: usize) -> Option<SetChoice> {
    let set = bank.set_of(index)?;
    match &set.origin {
        SetOrigin::User(path) => Some(SetChoice {
            title: set.title.clone(),
            path: path.clone(),
        }),
        _ => None,
    }
}

/// Every user set in the bank, then `my-questions.ron` if it does not exist yet.
fn set_choices(bank: &QuestionBank, user_sets_dir: &Path) -> Vec<SetChoice> {
    let mut choices: Vec<SetChoice> = Vec::new();
    for set in bank.sets() {
        if let SetOrigin::User(path) = &set.origin
            && !choices.iter().any(|c| c.path == *path)
        {
            choices.push(SetChoice {
                title: set.title.clone(),
                path: path.clone(),
            });
        }
    }
    let mine = user_sets::my_questions_path(user_sets_dir);
    if !choices.iter().any(|c| c.path == mine) {
        choices.push(SetChoice {
            title: MY_QUESTIONS_TITLE.to_string(),
            path: mine,
        });
    }
    choices
}

/// "Import…" and "New question" above the preview, and the undo offer after a delete.
pub fn toolbar_ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>) {
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Import…")
            .on_hover_text("Import questions from a Markdown, text or CSV file")
            .clicked()
        {
            state.view.import.open();
        }
        if ui
            .button("New question")
            .on_hover_text("Write a question of your own")
            .clicked()
        {
            state.view.editor.pending = Some(Pending::New);
        }
    });
    let bank = state.shared.bank.clone();
    let editor = &mut state.view.editor;
    if let Some(deleted) = &editor.undo {
        let mut undo = false;
        let mut dismiss = false;
        ui.add_space(4.0);
        egui::Frame::new()
            .stroke(egui::Stroke::new(
                1.0,
                ui.visuals().widgets.noninteractive.bg_stroke.color,
            ))
            .corner_radius(4.0)
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.label(format!(
                    "Deleted “{}” from {}.",
                    short(&deleted.question.prompt, 60),
                    deleted.set_title
                ));
                ui.horizontal(|ui| {
                    undo = ui.button("Undo delete").clicked();
                    dismiss = ui.button("Dismiss").clicked();
                });
            });
        if undo {
            match user_sets::restore_question(deleted, &bank) {
                Ok(id) => {
                    state.commands.push(Command::ReloadBank {
                        select: Some(id),
                        show_set: None,
                    });
                    editor.undo = None;
                }
                Err(err) => state.commands.error(
                    "The question could not be restored",
                    vec![
                        err.to_string(),
                        "Check that the file is writable and try again.".into(),
                    ],
                ),
            }
        } else if dismiss {
            editor.undo = None;
        }
    }
    ui.separator();
}

/// Edit, Duplicate and Delete for a question in one of the user's sets; Copy to my questions
/// (and a copy of the whole set) for a read-only one.
pub fn question_actions_ui(
    ui: &mut egui::Ui,
    editor: &mut EditorState,
    bank: &QuestionBank,
    index: usize,
) {
    let Some(set) = bank.set_of(index) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        if set.origin.is_editable() {
            if ui.button("Edit").clicked() {
                editor.pending = Some(Pending::Edit(index));
            }
            if ui.button("Duplicate").clicked() {
                editor.pending = Some(Pending::Duplicate(index));
            }
            if ui.button("Delete").clicked() {
                editor.pending = Some(Pending::Delete(index));
            }
        } else {
            let why = match set.origin {
                SetOrigin::Bundled => "This question comes with the app and is read-only",
                _ => "This question comes from a folder given with --bank and is read-only here",
            };
            if ui
                .button("Copy to my questions")
                .on_hover_text(format!(
                    "{why}: make an editable copy in “{MY_QUESTIONS_TITLE}”"
                ))
                .clicked()
            {
                editor.pending = Some(Pending::CopyQuestion(index));
            }
            if ui
                .button("Copy whole set")
                .on_hover_text(format!(
                    "Make an editable copy of every question in “{}”",
                    set.title
                ))
                .clicked()
            {
                editor.pending = Some(Pending::CopySet(bank.entry(index).map_or(0, |e| e.set)));
            }
        }
    });
}

/// Carries out the preview buttons' requests and draws the editor window.
pub fn ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>) {
    if let Some(pending) = state.view.editor.pending.take() {
        carry_out(state, pending);
    }
    let bank = state.shared.bank.clone();
    let Some(window) = &mut state.view.editor.window else {
        return;
    };
    let outcome = editor_form::window_ui(ui, window, &bank);
    let deleting = match (&window.mode, window.path()) {
        (EditMode::Edit { original_id }, Some(path)) => Some((path.clone(), original_id.clone())),
        _ => None,
    };
    match outcome {
        FormOutcome::Open => {}
        FormOutcome::Close => state.view.editor.window = None,
        FormOutcome::Save => save(state, &bank),
        FormOutcome::Delete => {
            if let Some((path, id)) = deleting {
                state.view.editor.window = None;
                delete(state, &path, &id);
            }
        }
    }
}

fn save(state: &mut BankFrame<'_>, bank: &QuestionBank) {
    let Some(window) = &mut state.view.editor.window else {
        return;
    };
    let edit = match window.edit(bank) {
        Ok(edit) => edit,
        Err(message) => {
            window.error = Some(message);
            return;
        }
    };
    let Some(choice) = window.choices.get(window.chosen).cloned() else {
        return;
    };
    match user_sets::put_question(&choice.path, &edit) {
        Ok(id) => {
            state.view.editor.window = None;
            state.commands.success(
                format!(
                    "Saved “{}” in {}: {}",
                    short(&edit.question.prompt, 50),
                    choice.title,
                    choice.path.display()
                ),
                choice.path.parent().map(Path::to_path_buf),
            );
            state.commands.push(Command::ReloadBank {
                select: Some(id),
                show_set: None,
            });
        }
        Err(err) => window.error = Some(format!("Not saved: {err}")),
    }
}

fn delete(state: &mut BankFrame<'_>, path: &Path, id: &str) {
    match user_sets::delete_question(path, id) {
        Ok(deleted) => {
            state.view.editor.undo = Some(deleted);
            state.commands.push(Command::ReloadBank {
                select: None,
                show_set: None,
            });
        }
        Err(err) => state.commands.error(
            "The question could not be deleted",
            vec![
                err.to_string(),
                "Check that the file is writable and try again.".into(),
            ],
        ),
    }
}

fn carry_out(state: &mut BankFrame<'_>, pending: Pending) {
    let bank = state.shared.bank.clone();
    let user_dir = state.shared.dirs.question_sets();
    match pending {
        Pending::New => {
            let choices = set_choices(&bank, &user_dir);
            let selected = state.view.selected;
            let from_selected = selected.and_then(|i| user_set_of(&bank, i));
            let chosen = from_selected
                .and_then(|c| choices.iter().position(|k| k.path == c.path))
                .unwrap_or(0);
            let (category, level) = selected
                .and_then(|i| bank.entry(i))
                .map(|e| (e.question.category.clone(), e.question.level))
                .unwrap_or_else(|| (String::new(), Level::Intermediate));
            let mut editor = QuestionEditor::new(
                EditMode::New { after: None },
                choices,
                chosen,
                Draft::blank(&category, level),
            );
            let fallback = editor
                .set
                .categories
                .first()
                .or_else(|| bank.categories().first());
            if category.is_empty()
                && let Some(first) = fallback.map(|c| c.id.clone())
            {
                editor.start_from(Draft::blank(&first, level));
            }
            state.view.editor.window = Some(editor);
        }
        Pending::Edit(index) => {
            let (Some(choice), Some(entry)) = (user_set_of(&bank, index), bank.entry(index)) else {
                return;
            };
            open_existing(state, choice, &entry.question.id);
        }
        Pending::Duplicate(index) => {
            let (Some(choice), Some(entry)) = (user_set_of(&bank, index), bank.entry(index)) else {
                return;
            };
            let choices = set_choices(&bank, &user_dir);
            let chosen = choices
                .iter()
                .position(|c| c.path == choice.path)
                .unwrap_or(0);
            let mode = EditMode::New {
                after: Some(entry.question.id.clone()),
            };
            state.view.editor.window = Some(QuestionEditor::new(
                mode,
                choices,
                chosen,
                Draft::from_question(&entry.question),
            ));
        }
        Pending::Delete(index) => {
            let (Some(choice), Some(entry)) = (user_set_of(&bank, index), bank.entry(index)) else {
                return;
            };
            let id = entry.question.id.clone();
            delete(state, &choice.path, &id);
        }
        Pending::CopyQuestion(index) => match user_sets::copy_question(&bank, index, &user_dir) {
            Ok((path, id)) => {
                state.commands.success(
                    format!("Copied to {MY_QUESTIONS_TITLE}: {}. Edit the copy; the original stays as it was.", path.display()),
                    path.parent().map(Path::to_path_buf),
                );
                state.commands.push(Command::ReloadBank {
                    select: Some(id.clone()),
                    show_set: None,
                });
                let choice = SetChoice {
                    title: user_sets::load_set(&path)
                        .map(|s| s.title)
                        .unwrap_or_else(|_| MY_QUESTIONS_TITLE.into()),
                    path,
                };
                open_existing(state, choice, &id);
            }
            Err(err) => state.commands.error(
                "The question could not be copied",
                vec![
                    err.to_string(),
                    "Check that your data folder is writable.".into(),
                ],
            ),
        },
        Pending::CopySet(set_index) => match user_sets::copy_set(&bank, set_index, &user_dir) {
            Ok((path, set)) => {
                state.commands.success(
                    format!(
                        "Copied {} questions to “{}”: {}",
                        set.questions.len(),
                        set.title,
                        path.display()
                    ),
                    path.parent().map(Path::to_path_buf),
                );
                state.commands.push(Command::ReloadBank {
                    select: None,
                    show_set: Some(path),
                });
            }
            Err(err) => state.commands.error(
                "The set could not be copied",
                vec![
                    err.to_string(),
                    "Check that your data folder is writable.".into(),
                ],
            ),
        },
    }
}

/// Opens the editor on question `id` as the file has it now.
fn open_existing(state: &mut BankFrame<'_>, choice: SetChoice, id: &str) {
    let path = choice.path.clone();
    let set = match user_sets::load_set(&path) {
        Ok(set) => set,
        Err(err) => {
            state.commands.error(
                "The question could not be opened for editing",
                vec![err.to_string()],
            );
            return;
        }
    };
    let Some(question) = set.questions.iter().find(|q| q.id == id) else {
        state.commands.error(
            "The question could not be opened for editing",
            vec![format!(
                "{}: question `{id}` is no longer in this file; the bank was reloaded.",
                path.display()
            )],
        );
        state.commands.push(Command::ReloadBank {
            select: None,
            show_set: None,
        });
        return;
    };
    let mode = EditMode::Edit {
        original_id: id.to_string(),
    };
    state.view.editor.window = Some(QuestionEditor::new(
        mode,
        vec![choice],
        0,
        Draft::from_question(question),
    ));
}

/// The first `max` characters of `text`, with an ellipsis when cut.
pub fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
