//! Full-text search rules: turning what a person typed into an index query, and marking the
//! matches in a text with `<em class="highlight">`.

/// The words of a text as the index sees them: runs of letters and digits, lower-cased.
pub fn words(text: &str) -> Vec<String> {
    spans(text).into_iter().map(|(a, b)| text[a..b].to_lowercase()).collect()
}

/// Byte ranges of the words of `text`.
fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Most words a query may have; longer queries are refused rather than cut.
pub const MAX_QUERY_WORDS: usize = 32;

/// Why a query can't be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("Invalid value for: query parameter query, it has no words to search for")]
    NoWords,
    #[error("Invalid value for: query parameter query, at most {MAX_QUERY_WORDS} words")]
    TooLong,
}

/// Shortest word searched as a prefix: "invoic" finds "invoice", while one or two letters (which
/// would match most of the index) must match a whole word.
pub const MIN_PREFIX_CHARS: usize = 3;

fn is_prefix_word(w: &str) -> bool {
    w.chars().count() >= MIN_PREFIX_CHARS
}

/// Whether a word of the text matches a word of the query (loose search): the same word, or one
/// it begins (for query words of at least MIN_PREFIX_CHARS).
fn loose_match(text_word: &str, query_word: &str) -> bool {
    text_word == query_word || (is_prefix_word(query_word) && text_word.starts_with(query_word))
}

/// The FTS5 query for what a person typed: every word must occur (in any order) as a word or the
/// beginning of one, or with `exact`, the words must occur together in this order. Words are
/// quoted, so nothing a person types is read as query syntax.
pub fn index_query(value: &str, exact: bool) -> Result<String, QueryError> {
    let w = words(value);
    if w.is_empty() {
        return Err(QueryError::NoWords);
    }
    if w.len() > MAX_QUERY_WORDS {
        return Err(QueryError::TooLong);
    }
    Ok(if exact {
        format!("\"{}\"", w.join(" "))
    } else {
        w.iter()
            .map(|t| if is_prefix_word(t) { format!("\"{t}\"*") } else { format!("\"{t}\"") })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

const OPEN: &str = "<em class=\"highlight\">";
const CLOSE: &str = "</em>";

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// The text, HTML-escaped, with the query's matches wrapped in `<em class="highlight">`;
/// neighbouring matches separated only by spaces share one mark. Long texts are cut to a window
/// around the first match. None when nothing matches.
pub fn highlight(text: &str, value: &str, exact: bool, window: usize) -> Option<String> {
    let query = words(value);
    if query.is_empty() {
        return None;
    }
    let spans = spans(text);
    let lower: Vec<String> = spans.iter().map(|(a, b)| text[*a..*b].to_lowercase()).collect();
    let mut marked = vec![false; spans.len()];
    if exact {
        let n = query.len();
        for i in 0..lower.len().saturating_sub(n - 1) {
            if lower[i..i + n] == query[..] {
                marked[i..i + n].iter_mut().for_each(|m| *m = true);
            }
        }
    } else {
        for (i, w) in lower.iter().enumerate() {
            marked[i] = query.iter().any(|q| loose_match(w, q));
        }
    }
    let first = marked.iter().position(|m| *m)?;
    // Runs of marked words, joined across plain whitespace.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, (a, b)) in spans.iter().enumerate().filter(|(i, _)| marked[*i]) {
        match runs.last_mut() {
            Some((_, end)) if i > 0 && marked[i - 1] && text[*end..*a].chars().all(char::is_whitespace) => *end = *b,
            _ => runs.push((*a, *b)),
        }
    }
    let (from, to) = if text.len() <= window {
        (0, text.len())
    } else {
        let anchor = spans[first].0;
        let from = floor_char(text, anchor.saturating_sub(window / 3));
        let to = floor_char(text, (from + window).min(text.len()));
        (from, to)
    };
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut pos = from;
    for (a, b) in runs.into_iter().filter(|(a, b)| *a >= from && *b <= to) {
        escape(&text[pos..a], &mut out);
        out.push_str(OPEN);
        escape(&text[a..b], &mut out);
        out.push_str(CLOSE);
        pos = b;
    }
    escape(&text[pos..to], &mut out);
    if to < text.len() {
        out.push('…');
    }
    Some(out)
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A query that names a conversation by its short id (`123` or `#123`).
pub fn short_id(value: &str) -> Option<i64> {
    let v = value.trim();
    let digits = v.strip_prefix('#').unwrap_or(v);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// One part of a search as it is matched against customers: words against names and email
/// addresses, a number written any way (`+45 12-34 56 78`) against phone numbers by its digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerTerm {
    Text(String),
    Digits(String),
}

/// Fewest digits a number must have to be looked for among phone numbers (a short id is not one).
pub const MIN_PHONE_DIGITS: usize = 4;
/// Most parts of a search matched against customers.
const MAX_CUSTOMER_TERMS: usize = 8;

/// The customer terms of a search: each whitespace-separated part of two characters or more, in
/// lower case; a part made of digits and `+ - ( ) .` with at least [`MIN_PHONE_DIGITS`] digits
/// keeps its digits. Every term must match the same customer.
pub fn customer_terms(value: &str) -> Vec<CustomerTerm> {
    value
        .split_whitespace()
        .filter_map(|part| {
            let digits: String = part.chars().filter(char::is_ascii_digit).collect();
            let phone_like = part.chars().all(|c| c.is_ascii_digit() || "+-().".contains(c));
            if phone_like {
                return (digits.len() >= MIN_PHONE_DIGITS).then_some(CustomerTerm::Digits(digits));
            }
            let text = part.trim_matches(|c: char| c == '"' || c == '\'').to_lowercase();
            (text.chars().count() >= 2).then_some(CustomerTerm::Text(text))
        })
        .take(MAX_CUSTOMER_TERMS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_terms_are_words_and_phone_digits() {
        use CustomerTerm::{Digits, Text};
        assert_eq!(customer_terms("Ann Lee"), vec![Text("ann".into()), Text("lee".into())]);
        assert_eq!(customer_terms("ann@example.com"), vec![Text("ann@example.com".into())]);
        assert_eq!(customer_terms("+45 12-34"), vec![Digits("1234".into())], "short number parts are dropped");
        assert_eq!(customer_terms("+4512345678"), vec![Digits("4512345678".into())]);
        assert_eq!(customer_terms("#123 a"), vec![Text("#123".into())]);
        assert_eq!(customer_terms("123"), vec![], "a short id is not a phone number");
    }

    #[test]
    fn queries_quote_every_word() {
        assert_eq!(index_query("cancel my order", false).unwrap(), "\"cancel\"* \"my\" \"order\"*");
        assert_eq!(index_query("Cancel my ORDER!", true).unwrap(), "\"cancel my order\"");
        assert_eq!(index_query("NEAR(a b) OR \"x", false).unwrap(), "\"near\"* \"a\" \"b\" \"or\" \"x\"");
        assert_eq!(index_query("  ?! ", false), Err(QueryError::NoWords));
        assert_eq!(index_query(&"a ".repeat(40), false), Err(QueryError::TooLong));
    }

    #[test]
    fn the_seed_example_highlights_the_phrase() {
        let text = "I want to cancel my order as soon as possible";
        let expected = "I want to <em class=\"highlight\">cancel my order</em> as soon as possible";
        assert_eq!(highlight(text, "cancel my order", true, 300).as_deref(), Some(expected));
        assert_eq!(highlight(text, "cancel my order", false, 300).as_deref(), Some(expected));
        assert_eq!(
            highlight("Cancel my order", "cancel my order", true, 300).as_deref(),
            Some("<em class=\"highlight\">Cancel my order</em>")
        );
    }

    #[test]
    fn loose_search_finds_word_beginnings_of_three_letters_or_more() {
        assert_eq!(index_query("invoic", false).unwrap(), "\"invoic\"*");
        assert_eq!(
            highlight("Your invoice and invoices", "invoic", false, 300).as_deref(),
            Some("Your <em class=\"highlight\">invoice</em> and <em class=\"highlight\">invoices</em>")
        );
        // Two letters match whole words only; an exact search matches whole words.
        assert_eq!(
            highlight("in the inbox", "in", false, 300).as_deref(),
            Some("<em class=\"highlight\">in</em> the inbox")
        );
        assert_eq!(highlight("Your invoice", "invoic", true, 300), None);
    }

    #[test]
    fn exact_matches_need_the_words_together() {
        assert_eq!(highlight("order: please cancel it, my friend", "cancel my order", true, 300), None);
        let loose = highlight("order: please cancel it, my friend", "cancel my order", false, 300).unwrap();
        assert_eq!(
            loose,
            "<em class=\"highlight\">order</em>: please <em class=\"highlight\">cancel</em> it, <em class=\"highlight\">my</em> friend"
        );
    }

    #[test]
    fn text_is_escaped_and_long_texts_are_cut_around_the_match() {
        assert_eq!(
            highlight("<b>refund</b> & more", "refund", false, 300).as_deref(),
            Some("&lt;b&gt;<em class=\"highlight\">refund</em>&lt;/b&gt; &amp; more")
        );
        let long = format!("{} refund {}", "x".repeat(500), "y".repeat(500));
        let cut = highlight(&long, "refund", false, 120).unwrap();
        assert!(cut.starts_with('…') && cut.ends_with('…'));
        assert!(cut.contains("<em class=\"highlight\">refund</em>"));
        assert!(cut.chars().count() < 200);
    }

    #[test]
    fn short_ids_are_recognized() {
        assert_eq!(short_id("#123"), Some(123));
        assert_eq!(short_id(" 42 "), Some(42));
        assert_eq!(short_id("42a"), None);
        assert_eq!(short_id("#"), None);
    }
}
