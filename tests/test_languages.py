"""English, Russian and Kazakh: every message has a translation in every catalogue and the catalogues match the code;
plural forms, numbers and dates per language; the language in the view and the link; place names; the People search
in Cyrillic; record text translated only where a reviewed translation exists, else marked as English; every page in
Russian and Kazakh with no interface string left in English; a Kazakh template and briefing pack."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import zipfile

import pandas as pd
import pycountry
import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from pptx import Presentation
from pypdf import PdfReader

from briefing.pack import METHODOLOGY
from dashboard import loader
from dashboard.i18n import LANGUAGES, LOCALES_DIR, language_of_locale, translation
from dashboard.labels import HEADERS
from dashboard.places import place_table
from dashboard.view import View, from_url
from etl.readers import read_records
from etl.schema import TABLES, TRANSLATABLE
from etl.spelling import spelling_key
from etl.template import write_template
from etl.validate import validate
from etl.warehouse import DEFAULT_RECORDS
from tests.conftest import FIXTURE_RECORDS, PROJECT
from tests.support import CHART_PATHS, PAGES, Visit, record_texts, run_page, shown_texts, untranslated
from tests.test_labels import DEFINITIONS, busiest_person, opened_tables, page_text

TRANSLATED = [language for language in LANGUAGES if language != "en"]
PLACEHOLDER = re.compile(r"%?\{[^}]*\}")
KAZAKH_LETTERS = set("әғқңөұүһі")


def catalogue(language: str):
    with open(LOCALES_DIR / language / "LC_MESSAGES" / "dashboard.po", "rb") as handle:
        return read_po(handle, locale=language)


def code_messages() -> set:
    """Every message the code and the registry's CSV files mark for translation, extracted as `make locales-update`
    extracts them (babel.cfg over its MESSAGE_SOURCES)."""
    with open(PROJECT / "babel.cfg") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    found = [message for folder in ("pages", "dashboard", "briefing", "etl")
             for _, _, message, _, _ in extract_from_dir(PROJECT / folder, method_map, options_map)]
    found += [message for _, message, _, _ in extract_from_file("python", PROJECT / "app.py")]
    return {message if isinstance(message, str) else tuple(message[:2]) for message in found if message}


@pytest.mark.unit
def test_the_registrys_words_in_its_csv_files_are_extracted_for_translation():
    registry = {spec["grain"] for spec in TABLES.values()} | set(HEADERS.values()) | \
        {column.description for spec in TABLES.values() for column in spec["columns"]}
    assert registry - code_messages() == set()


@pytest.mark.unit
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_of_the_code_is_translated_in_every_form_with_its_placeholders(language):
    messages = {m.id: m for m in catalogue(language) if m.id}
    assert code_messages() - set(messages) == set(), "run `make locales-update` and translate the new messages"
    for message in messages.values():
        forms = message.string if isinstance(message.id, tuple) else (message.string,)
        assert all(forms) and "fuzzy" not in message.flags, message.id
        assert len(forms) == (catalogue(language).num_plurals if isinstance(message.id, tuple) else 1), message.id
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        for form in forms:  # {n}, %{x}: every placeholder of the English, none other
            assert set(PLACEHOLDER.findall(form)) == set(PLACEHOLDER.findall(english[-1])), (message.id, form)


@pytest.mark.unit
@pytest.mark.parametrize("n, russian", [(1, "1 строка"), (2, "2 строки"), (5, "5 строк"), (21, "21 строка"),
                                        (12, "12 строк"), (1234, "1\xa0234 строки")])
def test_russian_has_three_plural_forms_and_kazakh_one_noun_form(n, russian):
    for language, expected in (("ru", russian), ("kk", f"{translation('kk').number(n)} жол"),
                               ("en", f"{translation('en').number(n)} row{'' if n == 1 else 's'}")):
        words = translation(language)
        assert words.ngettext("{n} row", "{n} rows", n).format(n=words.number(n)) == expected


@pytest.mark.unit
@pytest.mark.parametrize("n, russian", [(1, "1 человеку запрещена"), (2, "2 людям запрещена"),
                                        (5, "5 людям запрещена"), (21, "21 человеку запрещена")])
def test_a_chart_title_stating_a_count_of_people_takes_the_plural_form_of_the_count(n, russian):
    words = translation("ru")
    title = words.ngettext("{n} person is banned from public activity after their sentence",
                           "{n} people are banned from public activity after their sentence", n).format(n=n)
    assert title.startswith(russian)


@pytest.mark.unit
def test_numbers_dates_months_and_chart_separators_are_written_per_language():
    day = dt.date(2021, 8, 3)
    en, ru, kk = translation("en"), translation("ru"), translation("kk")
    assert (en.number(1234), ru.number(1234), kk.number(1234.5)) == ("1,234", "1\xa0234", "1\xa0234,5")
    # CLDR's narrow no-break space (U+202F) keeps "2021" and "г." together
    assert (en.date(day), ru.date(day), kk.date(day)) == ("3 August 2021", "3 августа 2021\u202fг.",
                                                          "2021\u202fж. 3 тамыз")
    assert (ru.month(day), kk.month(pd.Timestamp(day))) == ("август 2021\u202fг.", "2021\u202fж. тамыз")
    assert (ru.dated(day, "month"), ru.dated(day, "year")) == ("август 2021\u202fг.", "2021")
    assert (en.separators, ru.separators) == (".,", ",\xa0")


@pytest.mark.unit
@pytest.mark.parametrize("locale, language", [("ru-RU", "ru"), ("kk-KZ", "kk"), ("kk", "kk"), ("en-GB", "en"),
                                              ("de-DE", "en"), (None, "en"), ("", "en"), ("x-unknown", "en")])
def test_the_browsers_locale_chooses_an_offered_language_else_english(locale, language):
    assert language_of_locale(locale) == language


@pytest.mark.unit
def test_the_language_is_part_of_the_view_and_of_every_link():
    first, last = dt.date(2001, 1, 1), dt.date(2021, 9, 1)
    assert View().to_url() == {"lang": "en"}
    for language in LANGUAGES:
        view = View(language=language)
        assert from_url(view.to_url(), {}, first, last, browser_language="ru") == (view, [])
    # a link without a language, or with one not offered, opens in the browser's
    assert from_url({}, {}, first, last, browser_language="kk")[0].language == "kk"
    assert from_url({"lang": "xx"}, {}, first, last, browser_language="ru")[0].language == "ru"


@pytest.mark.unit
def test_every_region_and_recorded_city_has_its_name_in_every_language():
    places = place_table().set_index("place")
    regions = pd.read_csv(DEFAULT_RECORDS / "regions.csv", dtype=str)
    assert set(places.index[places["kind"] == "region"]) == {s.code for s in pycountry.subdivisions.get(country_code="KZ")}
    assert places.loc[regions["region_iso"], "en"].tolist() == regions["name_en"].tolist()
    cities = set()
    for table in ("persons", "events"):
        cities |= set(pd.read_csv(DEFAULT_RECORDS / f"{table}.csv", dtype=str)["city"].dropna())
    assert cities <= set(places.loc[places["kind"] == "city", "en"])
    named = places[["ru", "kk", "short_ru", "short_kk"]].where(places["kind"] == "region", places[["ru", "kk"]])
    assert not (named.fillna("x") == "").any().any()
    assert places.loc["KZ-71", "ru"].startswith("Астана") and "Нур-Султан" in places.loc["KZ-71", "ru"]


@pytest.mark.unit
@pytest.mark.parametrize("typed, recorded", [("Есхожин", "Yerbol Yeskhozhin"), ("Ербол", "Yerbol Yeskhozhin"),
                                             ("Сауытбай", "Sairagul Sauytbay"), ("Хасенов", "Khassenov"),
                                             ("Наталия", "Nataliya"), ("Жанболат", "Janbolat"), ("Қайрат", "Kairat")])
def test_a_name_typed_in_cyrillic_has_the_spelling_key_of_its_latin_spellings(typed, recorded):
    assert spelling_key(typed) in spelling_key(recorded)


@pytest.mark.app
@pytest.mark.parametrize("search, found", [("Есхожин", "Yerbol Yeskhozhin"), ("сайрагуль сауытбай", "Sairagul Sauytbay"),
                                           ("Eskhozhin", "Yerbol Yeskhozhin")])
def test_the_people_search_finds_latin_names_typed_in_cyrillic_or_spelled_another_way(monkeypatch, real_warehouse,
                                                                                      search, found):
    app = run_page(monkeypatch, real_warehouse, "people", {"lang": "ru"})
    app.text_input(key="people_search").input(search).run()
    assert not app.exception
    table = next(d.value for d in app.dataframe if (d.key or "").startswith("people_table_"))
    assert found in table["name"].tolist()


@pytest.mark.sql
def test_record_text_shows_a_reviewed_translation_else_english_marked(monkeypatch, fixture_warehouse):
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(fixture_warehouse))
    events = lambda language: loader.load(View(language=language), "export_events").set_index("event_id")  # noqa: E731
    shown = {language: loader.load(View(language=language), "key_dates").set_index("event_date")["description"]
             for language in LANGUAGES}
    rally, english = dt.date(2019, 9, 21), "Protesters detained at a rally."
    assert shown["en"][pd.Timestamp(rally)] == english
    assert (shown["ru"][pd.Timestamp(rally)], shown["kk"][pd.Timestamp(rally)]) == \
        ("Участники митинга задержаны.", "Митингіге қатысушылар ұсталды.")
    assert events("ru").loc["grp-20190921-rally-detentions", "description"] == english  # downloads keep the records
    scorecard = loader.load(View(language="ru"), "ep_scorecard").set_index("paragraph")
    assert scorecard.loc[3, "summary"] == "Release of listed prisoners. [на английском]"  # not reviewed: not shown
    assert scorecard.loc[19, "evidence"] == "Nothing changed. [на английском]"


@pytest.mark.unit
def test_a_translation_must_name_a_translatable_text_of_a_recorded_row_and_keep_names_in_latin(tmp_path):
    records = tmp_path / "records"
    records.mkdir()
    for path in FIXTURE_RECORDS.glob("*.csv"):
        (records / path.name).write_bytes(path.read_bytes())
    (records / "translations.csv").write_text(
        "table_name,row_id,column_name,language,text,translator,reviewed\n"
        "events,no-such-event,description,ru,Текст,A. Translator,true\n"
        "events,grp-2020-detentions,evidence,kk,Мәтін,A. Translator,true\n"
        "events,grp-2020-detentions,description,ru,Альфа задержан,A. Translator,true\n"
        "events,grp-2020-detentions,description,de,Text,A. Translator,true\n", encoding="utf-8")
    problems = {(p.row, p.column): p.rule for p in validate(read_records([records]))}
    assert "no row of events" in problems[(2, "row_id")]
    assert "no translatable text" in problems[(3, "column_name")]
    assert "Cyrillic" in problems[(4, "text")]
    assert "must be one of" in problems[(5, "language")]
    marts = (PROJECT / "etl" / "sql" / "20_marts.sql").read_text(encoding="utf-8")
    for table, columns in TRANSLATABLE.items():
        for column in columns:
            assert re.search(rf"'{table}'.*'{column}'", marts), (table, column)


@pytest.mark.unit
def test_the_template_explains_the_columns_in_kazakh(tmp_path):
    import openpyxl

    write_template(tmp_path / "kk.xlsx", "kk")
    heading, *rows = openpyxl.load_workbook(tmp_path / "kk.xlsx")["columns"].iter_rows(values_only=True)
    assert heading[0] == "кесте" and heading[-1] == "тақтада былай көрсетіледі"
    explained = {(r[0], r[1]): r for r in rows}
    assert explained[("persons", "name")][3] == "Латынша негізгі жазылуы."
    assert "restriction_of_liberty: Бас бостандығын шектеу" in explained[("sentences", "sentence_type")][-1]
    assert explained[("translations", "language")][5] == "ru, kk"  # stored values stay as stored


@pytest.mark.app
@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("page", [*PAGES, "profile", "presenter"])
def test_every_page_shows_no_interface_string_left_in_english(monkeypatch, real_warehouse, page, language):
    """Titles, captions, widgets' words, tables (every Table tab open) and charts, as AppTest sees them: no message
    of the English catalogue is shown untranslated; record text (English, marked) and names are exempt. A profile
    card, and the Overview in presenter mode (its bar and slide, the page folded behind Controls), too."""
    extra = {"profile": {"person": busiest_person(real_warehouse)}, "presenter": {"present": "1"}}.get(page, {})
    app = run_page(monkeypatch, real_warehouse, {"profile": "people", "presenter": "overview"}.get(page, page),
                   {"lang": language, **extra})
    if page == "briefing":
        app.button(key="briefing_standard").click().run()
    app = opened_tables(app, translation(language).gettext("Table"))
    assert not app.exception, app.exception
    _ = translation(language).gettext
    texts = page_text(app, [[_(header) for header in headers] for headers in DEFINITIONS]) + [w.label for kind in ("multiselect", "selectbox", "toggle", "button", "radio",
                                                   "text_input", "segmented_control") for w in app.get(kind)
                              if getattr(w, "label", None)]
    assert untranslated(texts, language, record_texts(real_warehouse)) == []


@pytest.mark.load
def test_a_kazakh_briefing_pack_reads_back_with_kazakh_letters_intact(real_warehouse, tmp_path):
    for fmt in ("pptx", "pdf"):
        done = subprocess.run([sys.executable, "-m", "briefing", "--out", str(tmp_path / f"brief.{fmt}"), "--lang", "kk",
                               "--warehouse", str(real_warehouse), "--date", "2026-12-01"], cwd=PROJECT,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
    deck = Presentation(str(tmp_path / "brief.pptx"))
    slides = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    pdf = "\n".join(page.extract_text() for page in PdfReader(str(tmp_path / "brief.pdf")).pages)
    slides, pdf = (re.sub(r"[\u202f\xa0]", " ", text) for text in (slides, pdf))
    words = translation("kk")
    closing = [words.gettext(line) for line in METHODOLOGY]  # the pack's own words: every Kazakh letter they use
    for text in (slides, pdf):
        assert "Қазақстандағы саяси қуғын-сүргін: брифинг" in text
        assert "Дайындалған күні: 2026 ж. 1 желтоқсан" in text
        assert KAZAKH_LETTERS & set("".join(closing).lower()) <= set(text.lower())
        assert all(re.sub(r"\s+", "", line) in re.sub(r"\s+", "", text) for line in closing)
    with zipfile.ZipFile(tmp_path / "brief.pptx") as archive:  # stored as the letters, not as escapes or "?"
        assert "Қазақстандағы" in "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))
    # titles, filters and sources, notes and the closing page (tables cut record text short, so they are left out)
    slides_of = list(deck.slides)
    own_words = [slide.shapes.title.text for slide in slides_of] + \
        [slide.notes_slide.notes_text_frame.text for slide in slides_of[1:-1]] + \
        [shape.text_frame.text for shape in slides_of[-1].shapes if shape.has_text_frame]
    assert untranslated(own_words, "kk", record_texts(real_warehouse)) == []


PAGE_TITLES = {"": "Political repression in Kazakhstan", "detentions": "Detentions over time",
               "articles": "Criminal Code articles", "sentences": "Sentences", "regions": "Regions",
               "ep-resolution": "European Parliament resolution of 11 February 2021", "people": "People",
               "data": "Data & sources", "changes": "What changed", "briefing": "Briefing pack"}


@pytest.mark.browser
@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("path", list(PAGE_TITLES), ids=[p or "overview" for p in PAGE_TITLES])
def test_every_page_in_a_browser_is_in_the_language_of_the_link(browser, dashboard_url, real_warehouse, path, language):
    """The page as chromium draws it (text, sidebar and every chart's SVG text) holds no English message of the
    interface; no console error, no request leaving the machine."""
    visit = Visit(browser, f"{dashboard_url}/{path}?lang={language}")
    visit.wait_until_drawn(translation(language).gettext(PAGE_TITLES[path]))
    if path in CHART_PATHS:
        visit.page.locator(".js-plotly-plot .gtitle").first.wait_for(timeout=30_000)
    shown = shown_texts(visit.page)
    visit.screenshot(f"{language}-{path or 'overview'}")
    assert not visit.page.locator("[data-testid='stException']").count()
    assert untranslated(shown, language, record_texts(real_warehouse)) == []
    assert f"lang={language}" in visit.page.url
    assert visit.outside_hosts() == set()
    assert visit.console_errors == []
    visit.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("mode", ["presenter", "profile"])
def test_a_presenters_slide_and_a_profile_card_in_a_browser_are_in_the_language_of_the_link(
        browser, dashboard_url, real_warehouse, mode, language):
    """The Overview's first slide in presenter mode (the bar, the finding, the chart and its sources) and the fullest
    profile card (badges, the summary composed in the language, the timeline), as chromium draws them at 1280×720."""
    _ = translation(language).gettext
    if mode == "presenter":
        visit = Visit(browser, f"{dashboard_url}/?present=1&lang={language}")
        visit.page.locator(".st-key-chart_slide .js-plotly-plot .ytick text").first.wait_for(timeout=30_000)
        visit.wait_until_drawn(_("Controls"))
    else:
        visit = Visit(browser, f"{dashboard_url}/people?person={busiest_person(real_warehouse)}&lang={language}")
        visit.wait_until_drawn(_("Person profile"))
        visit.page.locator(".js-plotly-plot .gtitle").first.wait_for(timeout=30_000)
    shown = shown_texts(visit.page)
    visit.screenshot(f"{language}-{mode}")
    assert not visit.page.locator("[data-testid='stException']").count()
    assert untranslated(shown, language, record_texts(real_warehouse)) == []
    if mode == "presenter":
        bar = visit.page.locator(".st-key-presenter_bar").inner_text()
        assert _("Previous") in bar and _("Next") in bar and _("Controls") in bar
    else:
        assert visit.page.locator(".st-key-person_card").inner_text().strip()
    assert visit.console_errors == []
    visit.close()


@pytest.mark.browser
def test_the_switcher_changes_the_language_and_keeps_the_filters_in_the_link(browser, dashboard_url):
    visit = Visit(browser, f"{dashboard_url}/articles?region=KZ-47")
    visit.wait_until_drawn("Criminal Code articles")
    visit.page.locator(".st-key-view_language").get_by_text("Қазақша").click()
    visit.wait_until_drawn("Қылмыстық кодекстің баптары")
    visit.page.wait_for_url(re.compile(r"lang=kk"), timeout=15_000)
    assert "region=KZ-47" in visit.page.url
    # the sidebar is drawn after the page: wait for its filter in the new words
    visit.page.locator("[data-testid='stSidebar']").get_by_text("Маңғыстау облысы").wait_for(timeout=30_000)
    visit.close()


@pytest.mark.app
@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("page", ["people", "profile", "sentences", "changes"])
def test_hide_names_and_presenter_mode_work_the_same_in_every_language(monkeypatch, real_warehouse, page, language):
    from dashboard.loader import pseudonym_of
    from tests.test_browser import real_names

    person = busiest_person(real_warehouse)
    params = {"lang": language, "anonymise": "1", "present": "1", **({"person": person} if page == "profile" else {})}
    app = run_page(monkeypatch, real_warehouse, "people" if page == "profile" else page, params)
    assert not app.exception, app.exception
    assert app.toggle(key="mode_present").value and app.toggle(key="mode_anonymise").value
    shown = "\n".join(page_text(app))
    assert [name for name in real_names() if name in shown] == []
    if page == "profile":
        assert pseudonym_of(person) in shown  # the same pseudonym in every language
