import pytest

from wirewatch.core.lang import identify


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("سقط صاروخان على قاعدة عين الأسد غربي الأنبار", "ar"),
        ("أعلنت خلية الإعلام الأمني أن الهجوم لم يسفر عن خسائر", "ar"),
        ("Two rockets hit Ain al-Asad air base", "en"),
        ("Iraq's parliament approves budget after months of delay", "en"),
        ("دو موشک به پایگاه عین الاسد اصابت کرد و این حمله خسارتی نداشت", "fa"),
        ("دوو ڕۆکێت کەوتنە سەر بنکەی عەین ئەسەد لە پارێزگای ئەنبار", "ku"),
        ("Deux roquettes sont tombées sur la base aérienne dans la nuit", "fr"),
        ("İki roket üsse düştü ve bir asker yaralandı", "tr"),
        ("", "und"),
        ("12345 !!!", "und"),
    ],
)
def test_languages_are_told_apart_offline(text: str, lang: str) -> None:
    assert identify(text) == lang
