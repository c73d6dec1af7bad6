//! The import window's preview: what will be written, what the reader understood (sections,
//! questions to check, proposed rubric points) and the choices when the set exists.

use super::*;

pub(super) fn preview_ui(
    ui: &mut egui::Ui,
    preview: &mut Preview,
    error: Option<&str>,
    action: &mut Option<Action>,
) {
    let result = &preview.result;
    let set = &result.set;
    let file_name = preview
        .source
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    ui.label(
        egui::RichText::new(format!(
            "From {file_name} · {} · {}",
            preview.format.label(),
            size_text(preview.size_bytes)
        ))
        .weak(),
    );
    ui.add_space(4.0);
    ui.label(
        egui::RichText::new(format!(
            "{} · {} · {}",
            plural(set.questions.len(), "question", "questions"),
            plural(set.categories.len(), "category", "categories"),
            plural(result.rubric_points(), "rubric point", "rubric points")
        ))
        .size(18.0)
        .strong(),
    );
    ui.add_space(6.0);
    egui::Grid::new("import_meta")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let label = ui.label("Set title");
            ui.add(egui::TextEdit::singleline(&mut preview.title).desired_width(420.0))
                .labelled_by(label.id);
            ui.end_row();
            ui.label("Saved as");
            let file = preview
                .target
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            ui.label(format!("{file} in your question sets folder"))
                .on_hover_text(preview.target.display().to_string());
            ui.end_row();
        });
    ui.add_space(6.0);
    let mut fixes: Vec<Fix> = Vec::new();
    let list_height = (ui.ctx().content_rect().height() - 360.0).clamp(160.0, 420.0);
    egui::ScrollArea::vertical()
        .id_salt("import_preview_scroll")
        .max_height(list_height)
        // A modal's free space depends on where it was centred last frame; a fixed height keeps
        // it from growing over several frames.
        .min_scrolled_height(list_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let summary = &preview.summary;
            ui.label(egui::RichText::new(format!("Levels: {}", summary.levels)).small().weak());
            understood_ui(ui, &preview.result, &summary.categories, &mut fixes);
            let summary = &preview.summary;
            if !summary.needs_rubric.is_empty() {
                section_heading(
                    ui,
                    &format!("Need a rubric ({})", summary.needs_rubric.len()),
                    &format!(
                        "Imported with a placeholder point and the tag “{NEEDS_RUBRIC_TAG}”; add real points in the editor."
                    ),
                );
                for (line, prompt) in summary.needs_rubric.iter().take(MAX_LISTED) {
                    line_row(ui, *line, prompt);
                }
            }
            if !preview.duplicates.is_empty() {
                section_heading(
                    ui,
                    &format!("Already in the bank ({})", preview.duplicates.len()),
                    "Imported anyway so nothing is lost; delete one copy if it is a duplicate.",
                );
                for warning in preview.duplicates.iter().take(MAX_LISTED) {
                    line_row(ui, warning.line, &warning.message);
                }
            }
            if !summary.warnings.is_empty() {
                section_heading(
                    ui,
                    &format!("Warnings ({})", summary.warnings.len()),
                    "The import went ahead; check these lines in the file.",
                );
                for warning in summary.warnings.iter().take(MAX_LISTED) {
                    line_row(ui, warning.line, &warning.message);
                }
            }
            let longest = [
                summary.categories.len(),
                summary.needs_rubric.len(),
                preview.duplicates.len(),
                summary.warnings.len(),
            ]
            .into_iter()
            .max()
            .unwrap_or(0);
            if longest > MAX_LISTED {
                ui.label(
                    egui::RichText::new(format!("Only the first {MAX_LISTED} of each list are shown."))
                        .weak(),
                );
            }
        });
    if !fixes.is_empty() {
        for fix in fixes {
            match fix {
                Fix::Level(index, level) => preview.result.set_level(index, level),
                Fix::Remove(index) => preview.result.remove_question(index),
                Fix::Accept(index) => preview.result.accept_proposed(index),
                Fix::Drop(index) => preview.result.drop_proposed(index),
            }
        }
        preview.summary = Summary::of(&preview.result, &preview.duplicates);
    }
    let result = &preview.result;
    let set = &result.set;
    if let Some(error) = error {
        ui.add_space(4.0);
        ui.label(egui::RichText::new(format!("⚠ {error}")).color(ui.visuals().error_fg_color));
    }
    ui.separator();
    if preview.confirm_replace {
        let name = preview
            .target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let what = match &preview.existing {
            Some((title, count)) => {
                format!(" (“{title}”, {})", plural(*count, "question", "questions"))
            }
            None => String::new(),
        };
        ui.label(
            egui::RichText::new(format!(
                "Your questions already have a file named {name}{what}. Replace it, or keep both?"
            ))
            .color(ui.visuals().warn_fg_color),
        );
        let new_name = preview
            .new_name()
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            if ui.button(format!("Replace {name}")).clicked() {
                *action = Some(Action::Replace);
            }
            if ui
                .button(format!("Keep both: save as {new_name}"))
                .clicked()
            {
                *action = Some(Action::KeepBoth);
            }
            if ui.button("Back").clicked() {
                *action = Some(Action::Back);
            }
        });
        return;
    }
    ui.horizontal(|ui| {
        let count = set.questions.len();
        let import = egui::Button::new(
            egui::RichText::new(format!("Import {}", plural(count, "question", "questions")))
                .strong(),
        );
        if ui.add_enabled(count > 0, import).clicked() {
            *action = Some(Action::Import);
        }
        if ui.button("Choose another file").clicked() {
            *action = Some(Action::ChooseAnother);
        }
        if ui.button("Cancel").clicked() {
            *action = Some(Action::Cancel);
        }
    });
}

/// A correction the user makes in the preview, applied after the frame's drawing.
enum Fix {
    Level(usize, crate::model::Level),
    Remove(usize),
    Accept(usize),
    Drop(usize),
}

/// What the reader understood: the guide's sections with their levels, the questions it was
/// unsure about (with a level to correct and a way to drop a heading taken as a question), and
/// rubric points it proposed from the answers, to accept or drop.
fn understood_ui(
    ui: &mut egui::Ui,
    result: &ImportResult,
    categories: &[(String, usize, usize)],
    fixes: &mut Vec<Fix>,
) {
    use crate::import::preview::RubricOrigin;
    use crate::model::Level;
    let sections = result.sections();
    if !sections.is_empty() {
        section_heading(
            ui,
            &format!("Categories, as the guide's sections ({})", sections.len()),
            "Levels are what the guide's headings, labels or cards say.",
        );
        egui::Grid::new("import_sections")
            .num_columns(3)
            .striped(true)
            .spacing([16.0, 2.0])
            .show(ui, |ui| {
                for section in sections.iter().take(MAX_LISTED) {
                    ui.label(&section.title);
                    let points = categories
                        .iter()
                        .find(|(title, _, _)| *title == section.title)
                        .map_or(0, |(_, _, points)| *points);
                    ui.label(
                        egui::RichText::new(format!(
                            "{} · {}",
                            plural(section.questions, "question", "questions"),
                            plural(points, "point", "points")
                        ))
                        .weak(),
                    );
                    let levels: Vec<String> = section
                        .levels
                        .iter()
                        .map(|(level, n)| format!("{} {n}", level.label()))
                        .collect();
                    ui.label(
                        egui::RichText::new(format!(
                            "{} · from line {}",
                            levels.join(", "),
                            section.first_line
                        ))
                        .small()
                        .weak(),
                    );
                    ui.end_row();
                }
            });
    }
    let unsure = result.unsure();
    let guessed_level: Vec<usize> = (0..result.set.questions.len())
        .filter(|&i| result.preview.get(i).is_some_and(|p| !p.level_given))
        .collect();
    if !unsure.is_empty() || !guessed_level.is_empty() {
        let mut shown: Vec<usize> = unsure.clone();
        shown.extend(guessed_level.iter().filter(|i| !unsure.contains(i)));
        shown.sort_unstable();
        section_heading(
            ui,
            &format!("Check these ({})", shown.len()),
            "The reader was unsure, or the guide gives no level. Correct the level, or remove a line that is not a question.",
        );
        for &index in shown.iter().take(MAX_LISTED) {
            let (Some(question), Some(seen)) =
                (result.set.questions.get(index), result.preview.get(index))
            else {
                continue;
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("line {}", seen.line))
                        .monospace()
                        .weak(),
                );
                ui.add(egui::Label::new(&question.prompt).truncate());
            });
            ui.horizontal_wrapped(|ui| {
                let mut reasons = seen.unsure.clone();
                if !seen.level_given {
                    reasons.push("no level in the guide".to_string());
                }
                ui.label(
                    egui::RichText::new(reasons.join("; "))
                        .small()
                        .color(ui.visuals().warn_fg_color),
                );
                let mut level = question.level;
                let label = ui.label("Level");
                egui::ComboBox::from_id_salt(("import_level", index))
                    .selected_text(level.label())
                    .show_ui(ui, |ui| {
                        for option in Level::ALL {
                            ui.selectable_value(&mut level, option, option.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if level != question.level {
                    fixes.push(Fix::Level(index, level));
                }
                if ui
                    .small_button("Not a question: remove")
                    .on_hover_text("Leave this line out of the import")
                    .clicked()
                {
                    fixes.push(Fix::Remove(index));
                }
            });
        }
    }
    let proposed: Vec<usize> = (0..result.set.questions.len())
        .filter(|&i| {
            result
                .preview
                .get(i)
                .is_some_and(|p| p.rubric == RubricOrigin::Proposed)
        })
        .collect();
    if !proposed.is_empty() {
        section_heading(
            ui,
            &format!("Proposed rubric points ({})", proposed.len()),
            "The guide has answers but no rubric: these points are drawn from each answer's own sentences. Accept them, or drop them for a placeholder to write yourself (you can edit either in the editor).",
        );
        for &index in proposed.iter().take(MAX_LISTED) {
            let Some(question) = result.set.questions.get(index) else {
                continue;
            };
            let line = result.preview.get(index).map_or(0, |p| p.line);
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("line {line}"))
                        .monospace()
                        .weak(),
                );
                ui.add(egui::Label::new(&question.prompt).truncate());
            });
            for point in &question.listen_for {
                ui.label(egui::RichText::new(format!("• {point}")).small());
            }
            ui.horizontal(|ui| {
                if ui.small_button("Accept").clicked() {
                    fixes.push(Fix::Accept(index));
                }
                if ui.small_button("Drop").clicked() {
                    fixes.push(Fix::Drop(index));
                }
            });
        }
    }
}

fn section_heading(ui: &mut egui::Ui, title: &str, explanation: &str) {
    ui.add_space(8.0);
    ui.label(egui::RichText::new(title).strong());
    ui.label(egui::RichText::new(explanation).small().weak());
}

fn line_row(ui: &mut egui::Ui, line: usize, text: &str) {
    ui.horizontal_top(|ui| {
        let place = if line == 0 {
            "file".to_string()
        } else {
            format!("line {line}")
        };
        ui.add_sized(
            [64.0, 16.0],
            egui::Label::new(egui::RichText::new(place).monospace().small().weak()),
        );
        // Wrapped lines stay in the text's column, clear of the line numbers.
        ui.add(egui::Label::new(text).wrap());
    });
}
