"""The language of the app's own words: the one chosen in View > Language, else the system's.

Labels are translated when the widgets are built, so the language is applied once, at start-up,
before the main window exists (`app.run_app`); a new choice applies at the next start. The app
offers English (the text of the code) and every language coopdesk has a catalog for.
"""

from __future__ import annotations

from collections.abc import Sequence

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from coopdesk import i18n
from coopdesk.i18n import _

KEY = "language"
ENGLISH = "en"
#: The stored choice that means "the system's language".
SYSTEM = ""
MESSAGE_TIMEOUT_MS = 8000


def app_language(settings: QSettings | None = None) -> str:
    """The language to show the app in: the user's choice, else the system's language if
    coopdesk has a catalog for it, else English ("en")."""
    chosen = _stored(settings)
    if chosen == ENGLISH or chosen in i18n.available_languages():
        return chosen
    return system_language()


def set_app_language(code: str, settings: QSettings | None = None) -> None:
    """Remember `code` ("fr", "en"...; SYSTEM: follow the system) for the next start."""
    settings = settings if settings is not None else QSettings()
    if code == SYSTEM:
        settings.remove(KEY)
    else:
        settings.setValue(KEY, code)


def system_language(preferred: Sequence[str] | None = None) -> str:
    """The first of the system's preferred languages (`preferred`, tags such as "fr-CA") that
    coopdesk speaks: a catalog's language ("fr"), or English."""
    tags = preferred if preferred is not None else QLocale.system().uiLanguages()
    available = i18n.available_languages()
    for tag in tags:
        code = tag.replace("-", "_")
        language = code.split("_")[0]
        if language == ENGLISH:
            return ENGLISH
        for candidate in (code, language):
            if candidate in available:
                return candidate
    return ENGLISH


def apply_language(app: QCoreApplication, code: str) -> None:
    """Translate coopdesk's words and Qt's own (the OK and Cancel of dialogs, the menus of
    text fields) into `code`; call it before any window is built."""
    i18n.use_language(None if code == ENGLISH else code)
    for old in app.findChildren(QTranslator, "qt_translator"):
        app.removeTranslator(old)
        old.deleteLater()
    if code == ENGLISH:
        return
    translator = QTranslator(app)
    translator.setObjectName("qt_translator")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # load() also tries "qtbase_fr" for "qtbase_fr_CA"; a Qt without translations stays English.
    if translator.load(f"qtbase_{code}", folder):
        app.installTranslator(translator)
    else:
        translator.deleteLater()


def language_name(code: str) -> str:
    """`code`'s language named in itself ("Français"), so each reader finds their own."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        name = code
    return name[:1].upper() + name[1:]


def language_menu(parent: QWidget, settings: QSettings | None = None) -> QMenu:
    """View > Language: the system's language, English and every catalog's; the choice is
    remembered and applies at the next start (said in the menu and in the status bar)."""
    menu = QMenu(_("&Language"), parent)
    group = QActionGroup(menu)
    system = language_name(system_language())
    choices = [(SYSTEM, _("Same as this computer ({language})").format(language=system)),
               (ENGLISH, language_name(ENGLISH)),
               *((code, language_name(code)) for code in i18n.available_languages())]
    chosen = _stored(settings)
    if chosen not in {code for code, _label in choices}:
        chosen = SYSTEM  # a language whose catalog is gone: app_language() follows the system
    for code, label in choices:
        action = QAction(label, menu)
        action.setCheckable(True)
        action.setChecked(code == chosen)
        action.setData(code)
        action.triggered.connect(lambda _checked=False, c=code: _choose(parent, c, settings))
        group.addAction(action)
        menu.addAction(action)
    menu.addSeparator()
    note = menu.addAction(_("A new choice applies when coopdesk next starts."))
    note.setEnabled(False)
    return menu


def _choose(parent: QWidget, code: str, settings: QSettings | None) -> None:
    set_app_language(code, settings)
    window = parent.window()
    if isinstance(window, QMainWindow):
        name = language_name(system_language() if code == SYSTEM else code)
        window.statusBar().showMessage(
            _("coopdesk will be in {language} from its next start.").format(language=name),
            MESSAGE_TIMEOUT_MS)


def _stored(settings: QSettings | None) -> str:
    value = (settings if settings is not None else QSettings()).value(KEY, SYSTEM)
    return value if isinstance(value, str) else SYSTEM
