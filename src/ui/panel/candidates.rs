//! The Panel's list of candidates, with each one's standing and who has submitted.

use super::*;

pub(super) fn candidates_ui(
    ui: &mut egui::Ui,
    view: &mut PanelViewState,
    comparison: &PanelComparison,
    local: &str,
) {
    ui.add_space(6.0);
    ui.strong(format!("Candidates ({})", comparison.candidates.len()));
    ui.add_space(4.0);
    let row_height = 40.0;
    egui::ScrollArea::vertical()
        .id_salt("panel_candidate_list")
        .auto_shrink(false)
        .show_rows(ui, row_height, comparison.candidates.len(), |ui, range| {
            for candidate in &comparison.candidates[range] {
                let access = panel::access(candidate, local, view.independent);
                let visible = access.shows_others();
                let mut marks = String::new();
                if !visible {
                    marks.push_str(" 🔒");
                } else if candidate.has_disagreement() {
                    marks.push_str(" ⚠");
                }
                if candidate
                    .columns
                    .iter()
                    .any(|c| c.standing == panel::Standing::Tampered)
                {
                    marks.push_str(" ✗");
                }
                let submitted = candidate.columns.iter().filter(|c| c.submitted).count();
                let detail = format!("{submitted} of {} submitted", candidate.columns.len());
                let shown_detail = if visible {
                    detail.clone()
                } else {
                    format!("{detail} · hidden")
                };
                let selected = view.selected.as_deref() == Some(candidate.key.as_str());
                let mut job = egui::text::LayoutJob::default();
                let style = ui.style();
                job.append(
                    &format!("{}\n", candidate.name),
                    0.0,
                    egui::TextFormat::simple(
                        egui::TextStyle::Body.resolve(style),
                        ui.visuals().strong_text_color(),
                    ),
                );
                job.append(
                    &shown_detail,
                    0.0,
                    egui::TextFormat::simple(
                        egui::TextStyle::Small.resolve(style),
                        ui.visuals().weak_text_color(),
                    ),
                );
                let name = format!(
                    "{}: {detail}{}{}",
                    candidate.name,
                    if visible {
                        ""
                    } else {
                        ", hidden until you submit your own scorecard"
                    },
                    if visible && candidate.has_disagreement() {
                        ", panel disagrees"
                    } else {
                        ""
                    }
                );
                let response = focus::follow(
                    ui.add_sized(
                        [
                            ui.available_width(),
                            row_height - ui.spacing().item_spacing.y,
                        ],
                        egui::Button::new(job)
                            .right_text(egui::RichText::new(marks.trim()).size(18.0))
                            .selected(selected)
                            .frame_when_inactive(selected),
                    ),
                    ui,
                );
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name)
                });
                if response.clicked() {
                    view.selected = Some(candidate.key.clone());
                    view.section = Section::Candidate;
                }
            }
        });
}
