//! Buttons whose visible text is a symbol but whose accessible name is words.

use egui::accesskit::Role;

/// A small button showing `symbol`, read by screen readers (and found by tests) as `name`.
pub fn icon_button(ui: &mut egui::Ui, symbol: &str, name: &str) -> egui::Response {
    let response = ui.small_button(symbol).on_hover_text(name);
    let enabled = response.enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(Role::Button, enabled, name));
    response
}

/// Same as [`icon_button`], but greyed out and inert when `enabled` is false.
pub fn icon_button_enabled(
    ui: &mut egui::Ui,
    enabled: bool,
    symbol: &str,
    name: &str,
) -> egui::Response {
    ui.add_enabled_ui(enabled, |ui| icon_button(ui, symbol, name))
        .inner
}
