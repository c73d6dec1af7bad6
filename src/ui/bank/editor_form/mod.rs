//! The question editor's window: the draft being edited, the loader's checks run on it as the
//! user types, and the form with every field of a question.

use std::path::PathBuf;

use crate::model::question::{DEFAULT_MINUTES, LISTEN_FOR_RANGE, MINUTES_RANGE};
use crate::model::{Category, Level, QuestionBank, QuestionSet};
use crate::store::user_sets;
use crate::ui::widgets::buttons;

mod draft;

pub use draft::{Checks, Draft, check};

/// Whether the editor changes an existing question or adds a new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditMode {
    Edit {
        original_id: String,
    },
    /// A new question, placed after `after` (its original, for a duplicate).
    New {
        after: Option<String>,
    },
}

/// A user set a question can be saved in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetChoice {
    pub title: String,
    pub path: PathBuf,
}

/// What the user asked the editor window to do this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormOutcome {
    Open,
    Save,
    Close,
    Delete,
}

/// The editor window's state.
pub struct QuestionEditor {
    pub mode: EditMode,
    /// Sets the question can go to; one for an existing question.
    pub choices: Vec<SetChoice>,
    pub chosen: usize,
    /// The chosen set as it is on disk (empty when the file does not exist yet).
    pub set: QuestionSet,
    pub draft: Draft,
    original: Draft,
    checks: Checks,
    checked: Option<(Draft, usize)>,
    /// Why the last save failed, or why the chosen set could not be read.
    pub error: Option<String>,
    confirm_discard: bool,
    focus_prompt: bool,
}

impl QuestionEditor {
    pub fn new(
        mode: EditMode,
        choices: Vec<SetChoice>,
        chosen: usize,
        draft: Draft,
    ) -> QuestionEditor {
        let mut editor = QuestionEditor {
            mode,
            choices,
            chosen,
            set: QuestionSet {
                id: String::new(),
                title: String::new(),
                description: String::new(),
                version: 1,
                categories: Vec::new(),
                questions: Vec::new(),
            },
            original: draft.clone(),
            draft,
            checks: Checks::default(),
            checked: None,
            error: None,
            confirm_discard: false,
            focus_prompt: true,
        };
        editor.read_chosen_set();
        editor
    }

    /// Replaces the draft and counts it as unchanged (nothing to lose on Cancel).
    pub fn start_from(&mut self, draft: Draft) {
        self.original = draft.clone();
        self.draft = draft;
        self.checked = None;
    }

    /// Reads the chosen set file again (a missing file is a set still to be created).
    pub fn read_chosen_set(&mut self) {
        self.checked = None;
        let Some(choice) = self.choices.get(self.chosen) else {
            return;
        };
        if !choice.path.exists() {
            self.set = user_sets::empty_set_for(&choice.path);
            self.set.title = choice.title.clone();
            return;
        }
        match user_sets::load_set(&choice.path) {
            Ok(set) => {
                self.set = set;
                self.error = None;
            }
            Err(err) => {
                self.error = Some(format!(
                    "{err}. Fix the file, or save the question in another set."
                ))
            }
        }
    }

    pub fn path(&self) -> Option<&PathBuf> {
        self.choices.get(self.chosen).map(|c| &c.path)
    }

    pub fn is_dirty(&self) -> bool {
        self.draft != self.original
    }

    /// The id the question is saved under: its own when editing, else one made from the
    /// category and prompt.
    pub fn id(&self, bank: &QuestionBank) -> String {
        match &self.mode {
            EditMode::Edit { original_id } => original_id.clone(),
            EditMode::New { .. } => {
                let category = self
                    .draft
                    .resolve_category(&self.set, bank)
                    .map(|c| c.id)
                    .unwrap_or_else(|_| "x".into());
                let prompt = if self.draft.prompt.trim().is_empty() {
                    "new question"
                } else {
                    &self.draft.prompt
                };
                user_sets::new_question_id(bank, &self.set, &category, prompt)
            }
        }
    }

    /// The checks for the current draft, recomputed only when it changed.
    pub fn checks(&mut self, bank: &QuestionBank) -> &Checks {
        let fresh = self
            .checked
            .as_ref()
            .is_some_and(|(d, chosen)| *d == self.draft && *chosen == self.chosen);
        if !fresh {
            let id = self.id(bank);
            self.checks = check(&self.draft, &id, &self.set, bank);
            self.checked = Some((self.draft.clone(), self.chosen));
        }
        &self.checks
    }

    /// The edit to write, or the checks' first complaint.
    pub fn edit(&mut self, bank: &QuestionBank) -> Result<user_sets::QuestionEdit, String> {
        let checks = self.checks(bank).clone();
        if !checks.is_ok() {
            return Err(format!(
                "Fix {} problem{} first.",
                checks.count(),
                if checks.count() == 1 { "" } else { "s" }
            ));
        }
        let category = self.draft.resolve_category(&self.set, bank)?;
        let id = self.id(bank);
        let (question, _) = self.draft.build(&id, &category.id);
        let (replacing, after) = match &self.mode {
            EditMode::Edit { original_id } => (Some(original_id.clone()), None),
            EditMode::New { after } => (None, after.clone()),
        };
        Ok(user_sets::QuestionEdit {
            replacing,
            after,
            question,
            category: Some(category),
        })
    }
}

/// Text fields on a tinted ground, so they read as fields on the white window in the light
/// theme (where the app's field colour equals the window's).
pub fn form_visuals(ui: &mut egui::Ui) {
    let ground = crate::ui::style::theme::tokens(ui).form_field_bg;
    ui.visuals_mut().text_edit_bg_color = Some(ground);
}

fn error_lines(ui: &mut egui::Ui, messages: &[String]) {
    let colour = ui.visuals().error_fg_color;
    for message in messages {
        ui.label(egui::RichText::new(format!("⚠ {message}")).color(colour));
    }
}

fn field_label(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.add_space(6.0);
    ui.label(egui::RichText::new(text).strong())
}

/// Draws the editor as a modal window and reports what the user asked for.
pub fn window_ui(
    ui: &mut egui::Ui,
    editor: &mut QuestionEditor,
    bank: &QuestionBank,
) -> FormOutcome {
    let mut outcome = FormOutcome::Open;
    let saved =
        crate::ui::shell::shortcuts::take(ui, crate::ui::shell::shortcuts::Scope::QuestionEditor);
    if saved
        .iter()
        .any(|t| t.action == crate::ui::shell::shortcuts::Action::SaveQuestion)
    {
        outcome = FormOutcome::Save;
    }
    let max_height = (ui.ctx().content_rect().height() - 190.0).max(200.0);
    let modal = egui::Modal::new(egui::Id::unique("question_editor")).show(ui.ctx(), |ui| {
        form_visuals(ui);
        ui.set_width(720.0);
        let heading = match editor.mode {
            EditMode::Edit { .. } => "Edit question",
            EditMode::New { after: Some(_) } => "New question (duplicate)",
            EditMode::New { after: None } => "New question",
        };
        ui.heading(heading);
        set_choice_ui(ui, editor);
        if let Some(error) = &editor.error {
            error_lines(ui, std::slice::from_ref(error));
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("editor_scroll")
            .max_height(max_height)
            // A modal's free space depends on where it was centred last frame; a fixed height
            // keeps it from growing over several frames.
            .min_scrolled_height(max_height)
            .auto_shrink([false, true])
            .show(ui, |ui| fields_ui(ui, editor, bank));
        ui.separator();
        footer_ui(ui, editor, bank, &mut outcome);
    });
    if modal.should_close() && outcome == FormOutcome::Open {
        if editor.is_dirty() {
            editor.confirm_discard = true;
        } else {
            outcome = FormOutcome::Close;
        }
    }
    outcome
}

fn set_choice_ui(ui: &mut egui::Ui, editor: &mut QuestionEditor) {
    let new = matches!(editor.mode, EditMode::New { .. });
    if new && editor.choices.len() > 1 {
        ui.horizontal(|ui| {
            let label = ui.label("Save in");
            let before = editor.chosen;
            let selected = editor
                .choices
                .get(editor.chosen)
                .map(|c| c.title.clone())
                .unwrap_or_default();
            egui::ComboBox::from_id_salt("editor_set")
                .selected_text(selected)
                .show_ui(ui, |ui| {
                    for (index, choice) in editor.choices.iter().enumerate() {
                        ui.selectable_value(&mut editor.chosen, index, &choice.title);
                    }
                })
                .response
                .labelled_by(label.id);
            if before != editor.chosen {
                editor.read_chosen_set();
            }
        });
    }
    if let Some(choice) = editor.choices.get(editor.chosen) {
        let exists = choice.path.exists();
        let file = choice
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let text = format!(
            "{} “{}” ({file}{})",
            if new { "Saved in" } else { "In" },
            choice.title,
            if exists { "" } else { ", created on save" }
        );
        let text = match &editor.mode {
            EditMode::Edit { original_id } => format!("{text} · id {original_id}"),
            EditMode::New { .. } => text,
        };
        ui.add(egui::Label::new(egui::RichText::new(text).small().weak()).truncate())
            .on_hover_text(choice.path.display().to_string());
    }
}

fn fields_ui(ui: &mut egui::Ui, editor: &mut QuestionEditor, bank: &QuestionBank) {
    let checks = editor.checks(bank).clone();
    let draft = &mut editor.draft;
    // Room for the scroll bar, which floats over the right edge.
    ui.set_max_width(ui.available_width() - 14.0);

    let label = field_label(ui, "Prompt");
    let prompt = ui
        .add(
            egui::TextEdit::multiline(&mut draft.prompt)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text("The question as you will ask it"),
        )
        .labelled_by(label.id);
    // Asked for until it holds: a new window's first frame only measures its contents.
    if editor.focus_prompt {
        if prompt.has_focus() {
            editor.focus_prompt = false;
        } else {
            prompt.request_focus();
        }
    }
    error_lines(ui, &checks.prompt);

    ui.add_space(6.0);
    egui::Grid::new("editor_meta")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(egui::RichText::new("Category").strong());
            ui.horizontal(|ui| {
                category_combo_ui(ui, draft, &editor.set, bank, label.id);
                if draft.new_category {
                    let title_label = ui.label("Name");
                    ui.add(
                        egui::TextEdit::singleline(&mut draft.new_category_title)
                            .desired_width(220.0)
                            .hint_text("e.g. Team practices"),
                    )
                    .labelled_by(title_label.id);
                }
            });
            ui.end_row();
            let label = ui.label(egui::RichText::new("Level").strong());
            egui::ComboBox::from_id_salt("editor_level")
                .selected_text(format!("{} ({})", draft.level.label(), draft.level.years()))
                .show_ui(ui, |ui| {
                    for level in Level::ALL {
                        ui.selectable_value(
                            &mut draft.level,
                            level,
                            format!("{} ({})", level.label(), level.years()),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(egui::RichText::new("Minutes").strong());
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut draft.minutes)
                        .desired_width(48.0)
                        .hint_text(DEFAULT_MINUTES.to_string()),
                )
                .labelled_by(label.id);
                ui.label(
                    egui::RichText::new(format!(
                        "{}–{}; empty for the default of {DEFAULT_MINUTES}",
                        MINUTES_RANGE.start(),
                        MINUTES_RANGE.end()
                    ))
                    .small()
                    .weak(),
                );
            });
            ui.end_row();
        });
    error_lines(ui, &checks.category);
    error_lines(ui, &checks.minutes);

    field_label(
        ui,
        &format!(
            "What to listen for ({}–{} points)",
            LISTEN_FOR_RANGE.start(),
            LISTEN_FOR_RANGE.end()
        ),
    );
    list_ui(
        ui,
        &mut draft.listen_for,
        "Rubric point",
        "+ Add point",
        true,
    );
    error_lines(ui, &checks.rubric);
    // The notes all concern the rubric, so they sit under it.
    for note in &checks.notes {
        ui.label(egui::RichText::new(format!("ℹ {note}")).color(ui.visuals().warn_fg_color));
    }

    field_label(ui, "Red flags");
    list_ui(
        ui,
        &mut draft.red_flags,
        "Red flag",
        "+ Add red flag",
        false,
    );
    field_label(ui, "Follow-ups");
    list_ui(
        ui,
        &mut draft.follow_ups,
        "Follow-up",
        "+ Add follow-up",
        false,
    );

    let label = field_label(ui, "Reference answer");
    ui.add(
        egui::TextEdit::multiline(&mut draft.answer)
            .desired_rows(3)
            .desired_width(f32::INFINITY)
            .hint_text("Optional: what a good answer says"),
    )
    .labelled_by(label.id);
    let label = field_label(ui, "Example code");
    ui.add(
        egui::TextEdit::multiline(&mut draft.example)
            .font(egui::TextStyle::Monospace)
            .desired_rows(4)
            .desired_width(f32::INFINITY)
            .hint_text("Optional"),
    )
    .labelled_by(label.id);
    let label = field_label(ui, "Tags");
    ui.add(
        egui::TextEdit::singleline(&mut draft.tags)
            .desired_width(f32::INFINITY)
            .hint_text("Comma-separated, e.g. sql, indexing"),
    )
    .labelled_by(label.id);
    error_lines(ui, &checks.other);
    ui.add_space(4.0);
}

fn category_combo_ui(
    ui: &mut egui::Ui,
    draft: &mut Draft,
    set: &QuestionSet,
    bank: &QuestionBank,
    label: egui::Id,
) {
    let others: Vec<&Category> = bank
        .categories()
        .iter()
        .filter(|c| !set.categories.iter().any(|k| k.id == c.id))
        .collect();
    let selected = if draft.new_category {
        "New category…".to_string()
    } else {
        set.categories
            .iter()
            .chain(bank.categories())
            .find(|c| c.id == draft.category)
            .map(|c| c.title.clone())
            .unwrap_or_else(|| "Choose…".into())
    };
    egui::ComboBox::from_id_salt("editor_category")
        .selected_text(selected)
        .width(220.0)
        .height(360.0)
        .show_ui(ui, |ui| {
            if !set.categories.is_empty() {
                ui.label(egui::RichText::new("In this set").small().weak());
            }
            let mut pick = |ui: &mut egui::Ui, category: &Category| {
                if ui
                    .selectable_label(
                        !draft.new_category && draft.category == category.id,
                        &category.title,
                    )
                    .clicked()
                {
                    draft.category = category.id.clone();
                    draft.new_category = false;
                }
            };
            for category in &set.categories {
                pick(ui, category);
            }
            if !others.is_empty() {
                ui.label(egui::RichText::new("From other sets").small().weak());
            }
            for category in others {
                pick(ui, category);
            }
            ui.separator();
            if ui
                .selectable_label(draft.new_category, "New category…")
                .clicked()
            {
                draft.new_category = true;
            }
        })
        .response
        .labelled_by(label);
}

/// An editable list: one field per row with move and remove buttons, and an add button.
fn list_ui(ui: &mut egui::Ui, items: &mut Vec<String>, name: &str, add: &str, numbered: bool) {
    let mut action: Option<(usize, ListAction)> = None;
    let count = items.len();
    let mut focus_new = false;
    let mut focus_next = None;
    for (index, item) in items.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let marker = if numbered {
                format!("{}.", index + 1)
            } else {
                "•".into()
            };
            ui.add_sized(
                [18.0, 18.0],
                egui::Label::new(egui::RichText::new(marker).weak()),
            );
            // The buttons' width is measured on the previous frame, so the field takes exactly
            // the rest of the row and the window never grows past its width.
            let reserve = ui
                .data(|d| d.get_temp::<f32>(buttons_width_id()))
                .unwrap_or(130.0);
            let width = (ui.available_width() - reserve).max(120.0);
            // Multi-line so long points wrap and stay readable; Enter moves to the next
            // point (adding one after the last) instead of breaking the line.
            let field = ui
                .add(
                    egui::TextEdit::multiline(item)
                        .id(list_field_id(name, index))
                        .desired_rows(1)
                        .return_key(None)
                        .desired_width(width),
                )
                .accessible_name(format!("{name} {}", index + 1));
            let enter = egui::KeyboardShortcut::new(egui::Modifiers::NONE, egui::Key::Enter);
            if field.has_focus() && ui.input_mut(|i| i.consume_shortcut(&enter)) {
                if index + 1 < count {
                    focus_next = Some(index + 1);
                } else if !item.trim().is_empty() {
                    action = Some((index, ListAction::AddAfter));
                }
            }
            let up = buttons::icon_button_enabled(
                ui,
                index > 0,
                "⬆",
                &format!("Move {} {} up", name.to_lowercase(), index + 1),
            );
            if up.clicked() {
                action = Some((index, ListAction::Up));
            }
            if buttons::icon_button_enabled(
                ui,
                index + 1 < count,
                "⬇",
                &format!("Move {} {} down", name.to_lowercase(), index + 1),
            )
            .clicked()
            {
                action = Some((index, ListAction::Down));
            }
            let remove = buttons::icon_button(
                ui,
                "✖",
                &format!("Remove {} {}", name.to_lowercase(), index + 1),
            );
            if remove.clicked() {
                action = Some((index, ListAction::Remove));
            }
            let used = remove.rect.right() - up.rect.left() + ui.spacing().item_spacing.x + 1.0;
            ui.data_mut(|d| d.insert_temp(buttons_width_id(), used));
        });
    }
    if ui.button(add).clicked() {
        action = Some((items.len(), ListAction::AddAfter));
    }
    match action {
        Some((index, ListAction::Up)) if index > 0 => items.swap(index, index - 1),
        Some((index, ListAction::Down)) if index + 1 < items.len() => items.swap(index, index + 1),
        Some((index, ListAction::Remove)) if index < items.len() => {
            items.remove(index);
        }
        Some((_, ListAction::AddAfter)) => {
            items.push(String::new());
            focus_new = true;
        }
        _ => {}
    }
    if let Some(next) = focus_next {
        ui.memory_mut(|m| m.request_focus(list_field_id(name, next)));
    }
    if focus_new {
        let last = items.len() - 1;
        ui.memory_mut(|m| m.request_focus(list_field_id(name, last)));
    }
}

fn buttons_width_id() -> egui::Id {
    egui::Id::unique("editor_list_buttons_width")
}

fn list_field_id(name: &str, index: usize) -> egui::Id {
    egui::Id::unique(("editor_list", name, index))
}

#[derive(Clone, Copy)]
enum ListAction {
    Up,
    Down,
    Remove,
    AddAfter,
}

fn footer_ui(
    ui: &mut egui::Ui,
    editor: &mut QuestionEditor,
    bank: &QuestionBank,
    outcome: &mut FormOutcome,
) {
    let problems = editor.checks(bank).count();
    if editor.confirm_discard {
        ui.horizontal(|ui| {
            ui.label(
                egui::RichText::new("Discard your changes to this question?")
                    .color(ui.visuals().warn_fg_color),
            );
            if ui.button("Discard changes").clicked() {
                *outcome = FormOutcome::Close;
            }
            if ui.button("Keep editing").clicked() {
                editor.confirm_discard = false;
            }
        });
        return;
    }
    ui.horizontal(|ui| {
        let save = egui::Button::new(egui::RichText::new("Save").strong());
        let can_save = problems == 0 && editor.path().is_some();
        if ui
            .add_enabled(can_save, save)
            .on_hover_text("Ctrl+S")
            .clicked()
        {
            *outcome = FormOutcome::Save;
        }
        if ui.button("Cancel").clicked() {
            if editor.is_dirty() {
                editor.confirm_discard = true;
            } else {
                *outcome = FormOutcome::Close;
            }
        }
        if problems > 0 {
            ui.label(
                egui::RichText::new(format!(
                    "Fix {problems} problem{} to save",
                    if problems == 1 { "" } else { "s" }
                ))
                .color(ui.visuals().error_fg_color),
            );
        }
        if let EditMode::Edit { .. } = &editor.mode {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Delete question").clicked() {
                    *outcome = FormOutcome::Delete;
                }
            });
        }
    });
}
