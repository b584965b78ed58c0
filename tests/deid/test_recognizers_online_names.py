"""Names in the forms relatives use online (ATTACK_REPORT4 F3): hashtags, CamelCase page names,
quoted campaign titles, bare domains and URL paths, each masked whole. Invented names."""
from __future__ import annotations

import pytest

from leder_insights.deid.recognizers.contact import (CamelCaseNameRecognizer, CampaignTitleRecognizer,
                                                     HashtagRecognizer, UrlRecognizer)


def _found(recognizer, entity, text):
    return [text[r.start:r.end] for r in recognizer.analyze(text, [entity])]


@pytest.mark.parametrize("value", ["#JusticeForBrannoc", "#Justice4Quillon", "#RememberingOriel",
                                   "#orielsfight", "#Team_Quillon"])
def test_recognizers_hashtag_is_masked_whole(value):
    assert _found(HashtagRecognizer(), "ONLINE_NAME", f"His family ran the {value} campaign.") == [value]


@pytest.mark.parametrize("text", ["Item #1 and #23 on the list.", "Code in C# and F#.",
                                  "See page#top and &#32; here."])
def test_recognizers_hashtag_leaves_numbers_and_code(text):
    assert _found(HashtagRecognizer(), "ONLINE_NAME", text) == []


@pytest.mark.parametrize("value", ["BrannocQuillonsJourney", "Justice4Quillon", "TeamJake", "JakesJourney"])
def test_recognizers_camel_case_page_name_is_masked_whole(value):
    assert _found(CamelCaseNameRecognizer(), "ONLINE_NAME", f"His mum's blog, {value}, described it.") == [value]


@pytest.mark.parametrize("text", ["Records on SystmOne and a PowerPoint; WhatsApp and YouTube.",
                                  "The GoFundMe and JustGiving pages; LeDeR, ReSPECT and DoLS forms.",
                                  "Mr McDonald and Ms MacLeod were seen.",
                                  "Seen in June2022 with Covid19 on Ward12; ReviewDate2021."])
def test_recognizers_camel_case_keeps_products(text):
    assert _found(CamelCaseNameRecognizer(), "ONLINE_NAME", text) == []


@pytest.mark.parametrize("text,title", [
    ("The GoFundMe page 'Bring Quillon Home' raised money.", "Bring Quillon Home"),
    ("The Facebook group \u201cOur boy Brannoc\u201d shared it.", "Our boy Brannoc"),
    ("The campaign called 'Quillon's Army' met twice.", "Quillon's Army"),
])
def test_recognizers_quoted_campaign_title_is_masked_whole(text, title):
    assert _found(CampaignTitleRecognizer(), "ONLINE_NAME", text) == [title]


@pytest.mark.parametrize("text", ["The group said 'no' to it.", "She said 'Thank you' to the nurse.",
                                  "A report titled 'Learning from Deaths' and a website called 'Safe Sleep'."])
def test_recognizers_quoted_words_without_a_page_word_stay(text):
    assert _found(CampaignTitleRecognizer(), "ONLINE_NAME", text) == []


@pytest.mark.parametrize("value", ["justiceforbrannoc.org.uk", "change.org/p/justice-for-quillon-brannoc",
                                   "www.rememberingoriel.co.uk", "orielsfight.com/about",
                                   "www.judiciary.uk/reports/jake-quillon-prevention-report"])
def test_recognizers_url_and_domain_masked_whole_with_their_path(value):
    assert _found(UrlRecognizer(), "URL", f"The family set up {value} to share it.") == [value]


@pytest.mark.parametrize("text", ["Guidance at www.gov.uk/guidance and nice.org.uk.",
                                  "See statement.docx, report.pdf; e.g. i.e. a.m.; Mr.Com; ann@example.org"])
def test_recognizers_url_leaves_public_sites_and_file_names(text):
    assert _found(UrlRecognizer(), "URL", text) == []
