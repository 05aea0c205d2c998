"""Hypothesis strategies for the property tests: news-like prose, any Unicode text, and the
inputs that break text tools (control characters, right-to-left scripts, emoji, scripts
without spaces, only punctuation, non-English prose)."""

from __future__ import annotations

import string

from hypothesis import strategies as st

# Words of news-like prose, to give the pipeline sentences to align, mixed with any text.
_WORD = st.sampled_from(
    "Russia Iran missiles crashed four 26 officials said may be no casualties Tekab Takab "
    "the of and in . , ; : ! ? ' \" ( ) — |||||".split()
)
PROSE = st.lists(_WORD, min_size=0, max_size=60).map(" ".join)

# One real sentence pair per script or trap, so the pipeline sees well-formed text in it.
SAMPLES = {
    "arabic": "أطلقت روسيا 26 صاروخا على سوريا. وقال مسؤولون إن أربعة منها سقطت في إيران.",
    "hebrew": "רוסיה שיגרה 26 טילים לסוריה. ארבעה מהם נפלו באיראן, כך אמרו גורמים רשמיים.",
    "bidi-controls": "\u202eRussia fired 26 missiles.\u202c \u200fIran said \u2067four\u2069.",
    "emoji": "🚀💥 Russia 🇷🇺 fired 26 missiles 👨‍👩‍👧 at Syria. Four fell in Iran 😱🙏🏽.",
    "no-spaces": "Russiafired26missilesatSyria.FourfellinIran,officialssaid.",
    "chinese": "俄罗斯向叙利亚发射了26枚导弹。官员说，其中四枚落在伊朗。",
    "japanese": "ロシアはシリアに26発のミサイルを発射した。うち4発はイランに落ちた。",
    "thai": "รัสเซียยิงขีปนาวุธ26ลูกไปยังซีเรีย เจ้าหน้าที่กล่าวว่าสี่ลูกตกในอิหร่าน",
    "russian": "Россия выпустила 26 ракет по Сирии. Четыре упали в Иране, заявили чиновники.",
    "hindi": "रूस ने सीरिया पर 26 मिसाइलें दागीं। अधिकारियों ने कहा कि चार ईरान में गिरीं।",
    "greek": "Η Ρωσία εκτόξευσε 26 πυραύλους στη Συρία. Τέσσερις έπεσαν στο Ιράν.",
    "control-chars": "Russia\x00 fired\x07 26\x1b[31m missiles\x08.\x0b\x0cIran\x1c said\x85 no.",
    "line-separators": "Russia fired.\u2028Iran said no.\u2029Four fell.\x1e26 missiles.",
    "only-punctuation": "!!! ... ??? --- ,,, ;;; ::: ((( ))) «»„“”…—–¿¡ ||||| ...",
    "combining": "Z̷̛̙a̴͙l̸̦g̵͉o̶̠ fired 26 missiles. Four fell in Iran.",
    "surrogate-free-astral": "𝐑𝐮𝐬𝐬𝐢𝐚 fired 26 𝕞𝕚𝕤𝕤𝕚𝕝𝕖𝕤. Four fell in Iran.",
}

CONTROL_CHARS = st.text(st.characters(categories=["Cc"]), max_size=200)
PUNCTUATION = st.text(
    st.sampled_from(string.punctuation + "«»„“”‘’…—–¿¡·•|\u3002\u060c\u061f"), max_size=300
)
# Text from one script at a time (letters, marks and that script's punctuation).
SCRIPT_TEXT = st.sampled_from(
    [
        (0x0600, 0x06FF),
        (0x0590, 0x05FF),
        (0x4E00, 0x4FFF),
        (0x0400, 0x04FF),
        (0x0E00, 0x0E7F),
        (0x1F300, 0x1F6FF),
        (0x0900, 0x097F),
    ]
).flatmap(
    lambda span: st.text(
        st.one_of(st.characters(min_codepoint=span[0], max_codepoint=span[1]), st.just(" ")),
        max_size=300,
    )
)
ANY_TEXT = st.text(max_size=400)
# Lone UTF-16 surrogates: no UTF-8 writer takes them, yet JSON's "\ud800" escape makes one.
SURROGATES = st.text(st.characters(categories=["Cs", "Lu", "Ll", "Zs", "Po"]), max_size=100)

# A document: prose, any text, a sample, a text of one special kind, or two of them joined.
_PIECE = st.one_of(
    PROSE,
    ANY_TEXT,
    st.sampled_from(list(SAMPLES.values())),
    CONTROL_CHARS,
    PUNCTUATION,
    SCRIPT_TEXT,
    SURROGATES,
)
DOCUMENT = st.one_of(
    _PIECE,
    st.tuples(_PIECE, _PIECE, st.sampled_from(["\n", " ", "", "\r\n", "\n\n"])).map(
        lambda t: t[2].join(t[:2])
    ),
)
