"""The look shared by every page: a readable base font, big click targets, and the colours chosen in Settings.

Sizes live in one style sheet made from the text size, so changing the size in Settings reaches every
widget at once (page titles and the sidebar included: nothing sets its own font). Colours come from
the palette only: the system's own (light or dark as the computer is set), or Light, Dark or High
contrast, drawn with the Fusion style, which follows a palette everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

DEFAULT_TEXT_SIZE = 12
TEXT_SIZES = (11, 12, 14, 16, 18)
MIN_TARGET = 36
SYSTEM, LIGHT, DARK, HIGH_CONTRAST = "system", "light", "dark", "contrast"
COLOURS = (SYSTEM, LIGHT, DARK, HIGH_CONTRAST)
_SYSTEM_STYLE = "coordinatorSystemStyle"  # the style the platform chose, kept on the application
_COLOURS = "coordinatorColours"  # the colours last applied


def _sheet(size: int) -> str:
    return f"""
QPushButton, QToolButton, QLineEdit, QComboBox, QSpinBox, QDateEdit, QTimeEdit {{ min-height: {MIN_TARGET - 8}px; }}
QPushButton {{ padding: 4px 14px; }}
QLabel#pageTitle {{ font-size: {round(size * 1.5)}pt; font-weight: bold; }}
QLabel#sectionTitle {{ font-size: {round(size * 1.15)}pt; font-weight: bold; }}
QListWidget#sidebar {{ font-size: {round(size * 1.15)}pt; }}
QListWidget#sidebar::item {{ padding: 8px 10px; }}
QListView#attendance::item {{ padding: 5px; }}
QLabel#fieldError {{ color: #ffffff; background: #b3261e; padding: 3px 6px; border-radius: 3px; }}
QLabel#banner {{ background: #fff4ce; color: #3b2f00; padding: 8px; border: 1px solid #c9a400; }}
QFrame#card {{ border: 1px solid palette(mid); border-radius: 6px; }}
"""


def _palette(roles: dict[QPalette.ColorRole, str], disabled: str) -> QPalette:
    palette = QPalette()
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


R = QPalette.ColorRole
_DARK = {
    R.Window: "#2b2b2b", R.WindowText: "#ececec", R.Base: "#1f1f1f", R.AlternateBase: "#2a2a2a",
    R.Text: "#ececec", R.Button: "#3a3a3a", R.ButtonText: "#ececec", R.BrightText: "#ffffff",
    R.Highlight: "#3f7fd6", R.HighlightedText: "#ffffff", R.Link: "#8ab4f8", R.LinkVisited: "#c58af9",
    R.ToolTipBase: "#3a3a3a", R.ToolTipText: "#ffffff", R.PlaceholderText: "#a0a0a0",
    R.Light: "#555555", R.Midlight: "#444444", R.Mid: "#6a6a6a", R.Dark: "#1a1a1a", R.Shadow: "#000000",
}
# As Windows' own "High contrast black" theme: white on black, cyan selection, yellow links.
_CONTRAST = {
    R.Window: "#000000", R.WindowText: "#ffffff", R.Base: "#000000", R.AlternateBase: "#1a1a1a",
    R.Text: "#ffffff", R.Button: "#000000", R.ButtonText: "#ffffff", R.BrightText: "#ffffff",
    R.Highlight: "#1aebff", R.HighlightedText: "#000000", R.Link: "#ffff00", R.LinkVisited: "#ffff00",
    R.ToolTipBase: "#000000", R.ToolTipText: "#ffffff", R.PlaceholderText: "#c0c0c0",
    R.Light: "#ffffff", R.Midlight: "#ffffff", R.Mid: "#ffffff", R.Dark: "#ffffff", R.Shadow: "#ffffff",
}


def _apply_colours(app: QApplication, colours: str) -> None:
    """Change the style and palette only when the choice changes (a new style re-polishes every widget)."""
    colours = colours if colours in COLOURS else SYSTEM
    if app.property(_COLOURS) == colours:
        return
    if app.property(_COLOURS) is None:
        app.setProperty(_SYSTEM_STYLE, app.style().name())
    app.setProperty(_COLOURS, colours)
    if colours == SYSTEM:
        app.styleHints().unsetColorScheme()
        app.setStyle(str(app.property(_SYSTEM_STYLE)))
        app.setPalette(QPalette())  # no roles of its own: the platform's palette, as the style polishes it
        return
    app.styleHints().setColorScheme(Qt.ColorScheme.Light if colours == LIGHT else Qt.ColorScheme.Dark)
    app.setStyle("Fusion")
    if colours == LIGHT:
        app.setPalette(app.style().standardPalette())
    else:
        app.setPalette(_palette(_DARK, "#808080") if colours == DARK else _palette(_CONTRAST, "#3ff23f"))


def apply_look(app: QApplication, text_size: int = DEFAULT_TEXT_SIZE, colours: str = SYSTEM) -> None:
    """Set the base font size (never below 11pt), the size rules for controls and the colours."""
    _apply_colours(app, colours)
    font = QFont(app.font())
    font.setPointSize(max(11, int(text_size)))
    app.setFont(font)
    app.setStyleSheet(_sheet(max(11, int(text_size))))
