//! Keyboard focus: following it in virtualised lists, and giving it to a lone field.

/// Scrolls a widget into view when it gains the focus (Tab), with a row's height to spare
/// above and below. In a list that lays out only the rows in view, the spare room is what puts
/// the next row on screen, and so within reach of the next Tab.
pub fn follow(response: egui::Response, ui: &egui::Ui) -> egui::Response {
    if response.gained_focus() {
        let rect = response.rect;
        ui.scroll_to_rect(rect.expand2(egui::vec2(0.0, rect.height())), None);
    }
    response
}

/// Gives `id` the keyboard focus when no other widget has it, so a screen whose only task is
/// one field lets the user type at once without taking the focus from anything they chose.
pub fn request_when_free(ui: &egui::Ui, id: egui::Id) {
    if ui.memory(|m| m.focused().is_none()) {
        ui.memory_mut(|m| m.request_focus(id));
    }
}
