//! The top bar: the screens, the theme, and what runs in the background.

use crate::ui::command::{Command, Commands};
use crate::ui::shared::{Shared, View};
use crate::ui::style::theme::ThemeChoice;

/// Below this width (in points, so zoom counts) the title gives its room to the screens.
const TITLE_FROM_WIDTH: f32 = 860.0;
/// About the width of the theme label and its menu, in points, until it has been drawn.
const THEME_WIDTH: f32 = 200.0;

pub fn ui(ui: &mut egui::Ui, shared: &Shared, commands: &mut Commands) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.add_space(4.0);
        let mut theme_in_row = true;
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
            // What the theme choice (and the reading notice) took at the last frame, beside
            // the screens; in a narrow or zoomed window it goes to a row of its own rather
            // than over them.
            let needed = ui.data(|d| d.get_temp::<f32>(width_id()));
            // The gap after the last screen may be given up; the screens themselves may not.
            let room = ui.available_width() + ui.spacing().item_spacing.x;
            theme_in_row = room >= needed.unwrap_or(THEME_WIDTH);
            if theme_in_row {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    theme_and_status(ui, shared, commands);
                });
            }
        });
        if !theme_in_row {
            // One row's height: a layout of its own would take the whole window's.
            let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
            ui.allocate_ui_with_layout(
                row,
                egui::Layout::right_to_left(egui::Align::Center),
                |ui| theme_and_status(ui, shared, commands),
            );
        }
        ui.add_space(4.0);
    });
}

/// Where the width the theme menu and status took is remembered between frames.
fn width_id() -> egui::Id {
    egui::Id::unique("top_bar_theme_width")
}

/// The theme menu, right-aligned, and what runs in the background; remembers the width used.
fn theme_and_status(ui: &mut egui::Ui, shared: &Shared, commands: &mut Commands) {
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
    let used = ui.min_rect().width();
    ui.data_mut(|d| d.insert_temp(width_id(), used));
}
