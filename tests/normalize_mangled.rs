//! Whole mangled bodies through the standard pass list: fixed-width copy
//! with hyphenation and a sign-off, HTML, mojibake, typewriter quotes. Each
//! case states the body a copy editor would hand back, and the trailers cut
//! from it; clean copy must come back untouched.

use std::sync::Arc;

use wire_enricher::normalize::{Normalizer, Resources, replay};

struct Case {
    name: &'static str,
    raw: &'static str,
    text: &'static str,
    trailers: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "fixed-width take with hyphenation and sign-off",
        raw: "TOKYO, March 3 - Japan's trade surplus narrowed in Feb-
ruary as imports of crude oil rose sharply, the finance
ministry said on Tuesday, while exports to the United
States fell for a third month in a row.
    The surplus stood at 5.2 billion dlrs, down from 6.1
billion in January, and below the 5.8 billion forecast
by economists polled by the international news inter-
national agency, which expects the new coastal anti-
ship missile deal to lift exports later this year.
 REUTER
",
        text: "TOKYO, March 3 - Japan’s trade surplus narrowed in February as imports of crude oil rose sharply, the finance ministry said on Tuesday, while exports to the United States fell for a third month in a row.
The surplus stood at 5.2 billion dlrs, down from 6.1 billion in January, and below the 5.8 billion forecast by economists polled by the international news international agency, which expects the new coastal anti-ship missile deal to lift exports later this year.",
        trailers: &["REUTER"],
    },
    Case {
        name: "HTML body with references and a script",
        raw: "<p>WASHINGTON &#8211; The plan&#8217;s cost&nbsp;rose\nsharply.</p>\r\n<p>&ldquo;It&rsquo;s fine,&rdquo; he said. &quot;a deal&quot; is near.</p><script>track('<p>')</script>\n<p>(Reporting by Jane Doe; Editing by John Roe)</p>",
        text: "WASHINGTON – The plan’s cost rose sharply.\n\n“It’s fine,” he said. “A deal” is near.",
        trailers: &["(Reporting by Jane Doe; Editing by John Roe)"],
    },
    Case {
        name: "mojibake from a Windows-1252 reader",
        raw: "Japanâ€™s prime minister said: â€œWe are readyâ€\u{9d} â€” and the cafÃ© in SÃ£o Paulo agreed.Â  (AP)",
        text: "Japan’s prime minister said: “We are ready” — and the café in São Paulo agreed.",
        trailers: &["(AP)"],
    },
    Case {
        name: "typewriter quotes and take markers",
        raw: "``a few years ago, there was nothing,'' he said.\n-- MORE --\nThe rest followed.\n###",
        text: "“A few years ago, there was nothing,” he said.\nThe rest followed.",
        trailers: &["-- MORE --", "###"],
    },
    Case {
        name: "clean copy",
        raw: "NEW YORK (Reuters) – Shares of Apple Inc <AAPL.O> rose 2% on Friday, the U.S. company’s best day since May.\n“We are pleased,” Chief Executive Tim Cook told Reuters. Analysts called the results “solid”.\nThe stock ended at $189.25.",
        text: "NEW YORK (Reuters) – Shares of Apple Inc <AAPL.O> rose 2% on Friday, the U.S. company’s best day since May.\n“We are pleased,” Chief Executive Tim Cook told Reuters. Analysts called the results “solid”.\nThe stock ended at $189.25.",
        trailers: &[],
    },
];

/// Copy that is already clean, in the styles the feeds use: each must come
/// back without a single edit.
const CLEAN: &[&str] = &[
    "WASHINGTON (AP) — The Senate voted 68-32 on Tuesday to approve the bill, sending it to the president.\nSupporters said the measure, which AT&T and Procter & Gamble lobbied for, would lower costs.\n“It’s a good day,” said Sen. Jane Doe, D-Calif., adding the vote was “long overdue.”\nThe S&P 500 rose 1.2% in the 2019-20 season.",
    "LONDON, March 3 (Reuters) - Shares in Société Générale <SOGN.PA> and Nestlé rose, while Gazprom chief Алексей Миллер said the deal — worth €2 billion — was “on track”.\n\nAnalysts at J.P. Morgan said: “the outlook is mixed,” citing data from São Paulo and Zürich.",
    "Results on Saturday:\nArsenal 3 Chelsea 1\nLiverpool 2 Everton 2\nTottenham 0 Newcastle 1\nFulham 1 Brentford 0",
    "Key points of the plan:\n- raise defense spending to 2% of GDP by 2027\n- buy long-range cruise missiles from the United States\n- build new bases on islands near Taiwan",
    "He said the U.S. “a la carte” approach had failed. Mr. “Fix-it” Smith disagreed.",
    "مرحبا بالعالم — שלום עולם — 東京 — 👩‍💻 — café",
];

#[test]
fn clean_copy_is_untouched() {
    let normalizer = Normalizer::new(Arc::new(Resources::default()));
    for raw in CLEAN {
        let n = normalizer.normalize(raw);
        assert!(n.edits.is_empty(), "{raw:?}: {:?}", n.edits);
        assert!(n.trailers.is_empty(), "{raw:?}: {:?}", n.trailers);
    }
}

#[test]
fn mangled_bodies_come_back_repaired() {
    let normalizer = Normalizer::new(Arc::new(Resources::default()));
    for case in CASES {
        let n = normalizer.normalize(case.raw);
        assert_eq!(n.text, case.text, "{}", case.name);
        assert_eq!(n.trailers, case.trailers, "{}", case.name);
        assert_eq!(
            replay(case.raw, &n.edits).as_deref(),
            Some(n.text.as_str()),
            "{}",
            case.name
        );
        if case.raw == case.text {
            assert!(n.edits.is_empty(), "{}: {:?}", case.name, n.edits);
        }
    }
}
