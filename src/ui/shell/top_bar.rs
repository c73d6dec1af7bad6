//! The top bar: the screens, the theme, and what runs in the background.

use crate::ui::command::{Command, Commands};
use crate::ui::shared::{Shared, View};
use crate::ui::style::theme::ThemeChoice;

/// Below this width (in points, so zoom counts) the title gives its room to the screens.
const TITLE_FROM_WIDTH: f32 = 860.0;

pub fn ui(ui: &mut egui::Ui, shared: &Shared, commands: &mut Commands) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui.available_width() >= TITLE_FROM_WIDTH {
                ui.heading("Interview Scorecard");
                ui.add_space(16.0);
            }
            for view in View::ALL {
                let selected = shared.prefs.view == view;
                if ui.selectable_label(selected, view.label()).clicked() {
                    commands.push(Command::ShowView(view));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let mut theme = shared.prefs.theme;
                let combo = egui::ComboBox::from_id_salt("theme_choice")
                    .selected_text(theme.label())
                    .show_ui(ui, |ui| {
                        for choice in ThemeChoice::ALL {
                            ui.selectable_value(&mut theme, choice, choice.label());
                        }
                    })
                    .response;
                let label = ui.label("Theme");
                combo.labelled_by(label.id);
                if theme != shared.prefs.theme {
                    commands.push(Command::SetTheme(theme));
                }
                if shared.bank_reloading {
                    ui.add_space(12.0);
                    ui.label(egui::RichText::new("Reading the question bank…").weak());
                    ui.spinner();
                }
            });
        });
        ui.add_space(4.0);
    });
}
