//! The question editor's window: the draft being edited, the loader's checks run on it as the
//! user types, and the form with every field of a question.

use crate::model::QuestionField;
use std::path::PathBuf;

use crate::import::{NEEDS_RUBRIC_TAG, PLACEHOLDER_POINT};
use crate::model::names::slug;
use crate::model::question::{DEFAULT_MINUTES, LISTEN_FOR_RANGE, MINUTES_RANGE};
use crate::model::{Category, Level, Question, QuestionBank, QuestionSet};
use crate::store::user_sets;
use crate::ui::widgets::buttons;

/// The fields as typed. Lists keep empty rows while editing; they are dropped on save.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub prompt: String,
    /// Id of the chosen existing category (ignored while `new_category` is set).
    pub category: String,
    /// The user is creating a category named `new_category_title`.
    pub new_category: bool,
    pub new_category_title: String,
    pub level: Level,
    pub listen_for: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_ups: Vec<String>,
    pub answer: String,
    pub example: String,
    /// Empty for the default.
    pub minutes: String,
    /// Comma-separated.
    pub tags: String,
}

impl Draft {
    pub fn from_question(q: &Question) -> Draft {
        Draft {
            prompt: q.prompt.clone(),
            category: q.category.clone(),
            new_category: false,
            new_category_title: String::new(),
            level: q.level,
            listen_for: q.listen_for.clone(),
            red_flags: q.red_flags.clone(),
            follow_ups: q.follow_ups.clone(),
            answer: q.answer.clone(),
            example: q.example.clone(),
            minutes: q.minutes.map(|m| m.to_string()).unwrap_or_default(),
            tags: q.tags.join(", "),
        }
    }

    /// An empty question in `category`, with one empty rubric row to type into.
    pub fn blank(category: &str, level: Level) -> Draft {
        Draft {
            prompt: String::new(),
            category: category.to_string(),
            new_category: category.is_empty(),
            new_category_title: String::new(),
            level,
            listen_for: vec![String::new()],
            red_flags: Vec::new(),
            follow_ups: Vec::new(),
            answer: String::new(),
            example: String::new(),
            minutes: String::new(),
            tags: String::new(),
        }
    }

    /// The category the question will be saved in, declared as the set will declare it.
    /// A new category named like an existing one reuses it.
    pub fn resolve_category(
        &self,
        set: &QuestionSet,
        bank: &QuestionBank,
    ) -> Result<Category, String> {
        if self.new_category {
            let title = self.new_category_title.trim();
            if title.is_empty() {
                return Err("Name the new category, or pick an existing one.".into());
            }
            let same_title = |c: &&Category| c.title.trim().eq_ignore_ascii_case(title);
            if let Some(existing) = set
                .categories
                .iter()
                .find(same_title)
                .or_else(|| bank.categories().iter().find(same_title))
            {
                return Ok(existing.clone());
            }
            let id = user_sets::unique_id(&slug(title, 32), |c| {
                set.categories.iter().any(|k| k.id == c)
                    || bank.categories().iter().any(|k| k.id == c)
            });
            return Ok(Category {
                id,
                title: title.to_string(),
            });
        }
        set.categories
            .iter()
            .chain(bank.categories())
            .find(|c| c.id == self.category)
            .cloned()
            .ok_or_else(|| "Choose a category.".to_string())
    }

    /// The question as it will be saved: text trimmed, empty list rows dropped, tags split, and
    /// the needs-rubric tag gone once the placeholder point is. The minutes error, if any, is
    /// returned beside it (the question then suggests none).
    pub fn build(&self, id: &str, category: &str) -> (Question, Option<String>) {
        let list = |items: &[String]| -> Vec<String> {
            items
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let listen_for = list(&self.listen_for);
        let placeholder = listen_for.iter().any(|p| p == PLACEHOLDER_POINT);
        let mut tags: Vec<String> = Vec::new();
        for tag in self
            .tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if !tags.iter().any(|t| t == tag) && (placeholder || tag != NEEDS_RUBRIC_TAG) {
                tags.push(tag.to_string());
            }
        }
        let (minutes, minutes_error) = match self.minutes.trim() {
            "" => (None, None),
            text => match text.parse::<u32>() {
                Ok(minutes) => (Some(minutes), None),
                Err(_) => (
                    None,
                    Some(format!(
                        "Type a whole number of minutes from {} to {}, or leave it empty for the default ({DEFAULT_MINUTES}).",
                        MINUTES_RANGE.start(),
                        MINUTES_RANGE.end()
                    )),
                ),
            },
        };
        let question = Question {
            id: id.to_string(),
            category: category.to_string(),
            level: self.level,
            prompt: self.prompt.trim().to_string(),
            listen_for,
            red_flags: list(&self.red_flags),
            follow_ups: list(&self.follow_ups),
            answer: self.answer.trim().to_string(),
            example: self
                .example
                .trim_end()
                .trim_start_matches(['\n', '\r'])
                .to_string(),
            minutes,
            tags,
        };
        (question, minutes_error)
    }
}

/// What is wrong with the draft, by field, in the loader's words. Only `notes` do not block
/// saving.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checks {
    pub prompt: Vec<String>,
    pub category: Vec<String>,
    pub rubric: Vec<String>,
    pub minutes: Vec<String>,
    pub other: Vec<String>,
    pub notes: Vec<String>,
}

impl Checks {
    /// Problems that stop the question from being saved.
    pub fn count(&self) -> usize {
        self.prompt.len()
            + self.category.len()
            + self.rubric.len()
            + self.minutes.len()
            + self.other.len()
    }

    pub fn is_ok(&self) -> bool {
        self.count() == 0
    }
}

/// Runs the bank's own checks ([`user_sets::check_question`], i.e. `validate_set`) on the draft
/// and sorts each problem under the field it concerns.
pub fn check(draft: &Draft, id: &str, set: &QuestionSet, bank: &QuestionBank) -> Checks {
    let mut checks = Checks::default();
    let category = match draft.resolve_category(set, bank) {
        Ok(category) => Some(category),
        Err(message) => {
            checks.category.push(message);
            None
        }
    };
    // Without a category the other fields are still checked, against a stand-in category.
    let declared = category.clone().unwrap_or_else(|| Category {
        id: "category-to-be-chosen".into(),
        title: "Category to be chosen".into(),
    });
    let (question, minutes_error) = draft.build(id, &declared.id);
    checks.minutes.extend(minutes_error);
    for problem in user_sets::check_question(set, &question, Some(&declared)) {
        let message = friendly(&problem.message, id);
        // The loader names the field a problem is about, so rewording a message never moves
        // it to another part of the form.
        let bucket = match problem.field {
            Some(QuestionField::Prompt) => &mut checks.prompt,
            Some(QuestionField::Rubric) => &mut checks.rubric,
            Some(QuestionField::Minutes) => &mut checks.minutes,
            Some(QuestionField::Category) => &mut checks.category,
            _ => &mut checks.other,
        };
        bucket.push(message);
    }
    let blank_rows = draft
        .listen_for
        .iter()
        .filter(|p| p.trim().is_empty())
        .count();
    if blank_rows > 0 && !question.listen_for.is_empty() {
        checks.notes.push(format!(
            "{blank_rows} empty rubric row{} will be left out.",
            if blank_rows == 1 { "" } else { "s" }
        ));
    }
    if question.listen_for.iter().any(|p| p == PLACEHOLDER_POINT) {
        checks
            .notes
            .push("Replace the placeholder point with what a strong answer contains.".into());
    } else if draft.tags.split(',').any(|t| t.trim() == NEEDS_RUBRIC_TAG) {
        checks.notes.push(format!("The “{NEEDS_RUBRIC_TAG}” tag is removed on save now that the placeholder point is gone."));
    }
    checks
}

/// The loader's message about one question, reworded for the form that shows it beside the
/// field: "question `x.y` has …" becomes "This question has …".
fn friendly(message: &str, id: &str) -> String {
    let prefix = format!("question `{id}` ");
    match message.strip_prefix(&prefix) {
        Some(rest) => format!("This question {rest}."),
        None => {
            let mut chars = message.chars();
            match chars.next() {
                Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
                None => String::new(),
            }
        }
    }
}

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
            for category in &set.categories {
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
            }
            if !others.is_empty() {
                ui.label(egui::RichText::new("From other sets").small().weak());
            }
            for category in others {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> QuestionBank {
        QuestionBank::load(&crate::store::bank_files::bundled_sources()).0
    }

    #[test]
    fn build_trims_drops_empty_rows_and_retires_the_needs_rubric_tag() {
        let mut draft = Draft::blank("team", Level::Entry);
        draft.prompt = "  Why?  ".into();
        draft.listen_for = vec!["  one ".into(), "   ".into(), "two".into()];
        draft.tags = "sql, needs-rubric, sql ,".into();
        draft.minutes = " 12 ".into();
        let (q, error) = draft.build("team.why", "team");
        assert_eq!(error, None);
        assert_eq!(q.prompt, "Why?");
        assert_eq!(q.listen_for, ["one", "two"]);
        assert_eq!(
            q.tags,
            ["sql"],
            "deduplicated, and needs-rubric gone with the placeholder"
        );
        assert_eq!(q.minutes, Some(12));
        draft.listen_for.push(PLACEHOLDER_POINT.into());
        assert!(
            draft
                .build("team.why", "team")
                .0
                .tags
                .contains(&NEEDS_RUBRIC_TAG.to_string())
        );
        draft.minutes = "ten".into();
        assert!(draft.build("team.why", "team").1.is_some());
    }

    #[test]
    fn checks_sort_the_loaders_problems_by_field() {
        let bank = bank();
        let set = user_sets::empty_set_for(std::path::Path::new("my-questions.ron"));
        let mut draft = Draft::blank("fundamentals", Level::Entry);
        let checks = check(&draft, "x.y", &set, &bank);
        assert_eq!(checks.prompt.len(), 1, "{checks:?}");
        assert!(checks.prompt[0].starts_with("This question has an empty `prompt`"));
        assert_eq!(checks.rubric.len(), 1);
        assert!(
            checks.category.is_empty(),
            "a bank category is fine in a new set"
        );
        draft.prompt = "Why?".into();
        draft.listen_for = (0..9).map(|i| format!("point {i}")).collect();
        draft.minutes = "61".into();
        let checks = check(&draft, "x.y", &set, &bank);
        assert!(checks.prompt.is_empty());
        assert!(
            checks.rubric[0].contains("9 `listen_for` points"),
            "{checks:?}"
        );
        assert!(checks.minutes[0].contains("61 minutes"), "{checks:?}");
        draft.listen_for.truncate(2);
        draft.minutes.clear();
        draft.new_category = true;
        let checks = check(&draft, "x.y", &set, &bank);
        assert_eq!(checks.count(), 1);
        assert!(checks.category[0].contains("Name the new category"));
        draft.new_category_title = "fundamentals".into();
        assert_eq!(
            draft.resolve_category(&set, &bank).map(|c| c.id),
            Ok("fundamentals".to_string()),
            "same title reuses the category"
        );
        assert!(check(&draft, "x.y", &set, &bank).is_ok());
    }
}
