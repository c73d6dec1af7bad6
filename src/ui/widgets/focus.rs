//! Keyboard focus in virtualised lists, which lay out only the rows in view.

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
