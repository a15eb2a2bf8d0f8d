//! API tests of search (highlights, exact matches, short ids, filters, paging) and of
//! anonymization, down to the bytes of the database file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::{json, Value};

async fn email(app: &App, requester: &str, subject: &str, text: &str) -> i64 {
    let (s, v) = app
        .post(
            "/v1/conversations",
            json!({"requesterId": requester, "_type": "Email", "subject": subject,
                   "message": {"content": {"value": text, "_type": "Text"}, "_type": "Inbound"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["data"]["id"].as_i64().unwrap()
}

fn hit_ids(v: &Value) -> Vec<i64> {
    v["data"].as_array().unwrap().iter().map(|h| h["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn the_seed_example_comes_back_with_its_highlights() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let id = email(&app, &ann, "Cancel my order", "I want to cancel my order as soon as possible").await;
    email(&app, &ann, "Invoice", "Please send the invoice").await;
    let (s, v) = app.get("/v1/search/conversations?query=cancel%20my%20order&exactMatch=true").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(hit_ids(&v), [id]);
    let hit = &v["data"][0];
    assert_eq!(hit["_type"], "ConversationSearchHit");
    assert_eq!(hit["highlights"]["subject"], json!(["<em class=\"highlight\">Cancel my order</em>"]));
    assert_eq!(
        hit["innerHits"][0]["highlight"]["text"],
        "I want to <em class=\"highlight\">cancel my order</em> as soon as possible"
    );
    let (_, messages) = app.get(&format!("/v1/conversations/{id}/messages")).await;
    assert_eq!(hit["innerHits"][0]["id"], messages["data"][0]["id"]);
}

#[tokio::test]
async fn exact_matches_notes_short_ids_and_diacritics() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let scattered = email(&app, &ann, "Question", "My order: please cancel it").await;
    let together = email(&app, &ann, "Other", "cancel my order now").await;
    let mut loose = hit_ids(&app.get("/v1/search/conversations?query=cancel%20my%20order").await.1);
    loose.sort();
    assert_eq!(loose, [scattered, together]);
    assert_eq!(
        hit_ids(&app.get("/v1/search/conversations?query=cancel%20my%20order&exactMatch=true").await.1),
        [together]
    );

    app.post(&format!("/v1/conversations/{scattered}/notes"), json!({"message": "Customer wants a café voucher"}))
        .await;
    let (_, v) = app.get("/v1/search/conversations?query=cafe%20voucher").await;
    assert_eq!(hit_ids(&v), [scattered], "diacritics don't matter");
    assert_eq!(v["data"][0]["innerHits"][0]["_type"], "Note");
    assert_eq!(
        v["data"][0]["innerHits"][0]["highlight"]["text"],
        "Customer wants a café <em class=\"highlight\">voucher</em>"
    );

    let short = app.conversation_json(together).await["shortId"].as_i64().unwrap();
    assert_eq!(hit_ids(&app.get(&format!("/v1/search/conversations?query=%23{short}")).await.1)[0], together);
    // Query syntax is just words.
    assert_eq!(app.get("/v1/search/conversations?query=cancel%20OR%20NEAR(").await.0, StatusCode::OK);
}

#[tokio::test]
async fn search_pages_filters_and_refuses_bad_input() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let mut ids = Vec::new();
    for n in 0..5 {
        ids.push(email(&app, &ann, &format!("Refund {n}"), "refund please").await);
    }
    let (_, p1) = app.get("/v1/search/conversations?query=refund&pageLimit=2").await;
    assert_eq!(p1["data"].as_array().unwrap().len(), 2);
    let mut seen = hit_ids(&p1);
    let mut next = p1["meta"]["next"].as_str().map(str::to_owned);
    while let Some(url) = next {
        let (_, p) = app.get(url.trim_start_matches("http://switchboard.test")).await;
        seen.extend(hit_ids(&p));
        next = p["meta"]["next"].as_str().map(str::to_owned);
    }
    seen.sort();
    assert_eq!(seen, ids, "every match exactly once across pages");

    app.put(&format!("/v1/conversations/{}/close", ids[0]), json!({})).await;
    let (s, v) = app
        .post(
            "/v1/search/conversations",
            json!({"query": {"value": "refund", "exactMatch": false}, "filters": {"statuses": ["Closed"]}}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(hit_ids(&v), [ids[0]]);
    let (_, v) = app
        .post("/v1/search/conversations", json!({"query": {"value": "refund"}, "filters": {"channels": ["Sms"]}}))
        .await;
    assert!(hit_ids(&v).is_empty());

    assert_error(&app.get("/v1/search/conversations").await, StatusCode::BAD_REQUEST, "query");
    assert_error(&app.get("/v1/search/conversations?query=%20").await, StatusCode::BAD_REQUEST, "query");
    assert_error(&app.get("/v1/search/conversations?query=%3F%21").await, StatusCode::BAD_REQUEST, "no words");
    assert_error(
        &app.get("/v1/search/conversations?query=x&exactMatch=maybe").await,
        StatusCode::BAD_REQUEST,
        "exactMatch",
    );
    assert_error(&app.get("/v1/search/conversations?query=x&pageKey=%%").await, StatusCode::BAD_REQUEST, "pageKey");
    assert_error(
        &app.post("/v1/search/conversations", json!({"query": "refund"})).await,
        StatusCode::BAD_REQUEST,
        "body",
    );
    assert_error(
        &app.post("/v1/search/conversations", json!({"query": {"value": "x"}, "filters": {"statuses": ["Gone"]}}))
            .await,
        StatusCode::BAD_REQUEST,
        "status",
    );
}

const MARKERS: [&str; 8] = [
    "Zebrafinch7731",      // subject
    "Quokkaberry4410",     // message text
    "Narwhalplum9022",     // note text
    "attach-kiwibird3350", // attachment url
    "Dugongmelon5517",     // metadata
    "Tapirgrape6624",      // custom attribute value
    "Okapilime8813",       // rating comment
    "Axolotlfig2208",      // end user's email
];

fn file_contains(dir: &std::path::Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        // SQLite removes its -wal and -shm files when its last connection closes, which can
        // happen between listing and reading: a file that is gone holds nothing.
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => panic!("reading {}: {e}", path.display()),
        };
        let lower: Vec<u8> = bytes.to_ascii_lowercase();
        let n = needle.to_ascii_lowercase();
        if lower.windows(n.len()).any(|w| w == n.as_bytes()) {
            found.push(path.display().to_string());
        }
    }
    found
}

#[tokio::test]
async fn anonymization_leaves_no_trace_in_the_database_files() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::on_disk(dir.path()).await;
    let (_, ann) =
        app.post("/v1/endusers", json!({"displayName": "Ann", "email": format!("{}@example.com", MARKERS[7])})).await;
    let ann = ann["data"]["id"].as_str().unwrap().to_owned();
    let alice = app.agent("Alice").await;
    let id = email(&app, &ann, &format!("Order {}", MARKERS[0]), &format!("My code is {}", MARKERS[1])).await;
    let base = format!("/v1/conversations/{id}");
    app.post(&format!("{base}/notes"), json!({"message": format!("Remember {}", MARKERS[2])})).await;
    app.post(
        &format!("{base}/messages"),
        json!({"content": {"value": "see file", "_type": "Text"}, "_type": "Inbound",
        "attachments": [{"url": format!("https://files.example.com/{}.pdf", MARKERS[3])}]}),
    )
    .await;
    app.put(&format!("{base}/metadata"), json!({"secret": MARKERS[4]})).await;
    let (_, attr) = app
        .post(
            "/v1/custom-attributes",
            json!({"entityType": "Conversation", "identifier": "code", "label": "Code", "_type": "Text"}),
        )
        .await;
    app.patch(&format!("{base}/custom-attributes"), json!({ attr["data"]["id"].as_str().unwrap(): MARKERS[5] })).await;
    let (_, offer) = app
        .post(&format!("{base}/ratings/offer"), json!({"userId": ann, "agentId": alice, "ratingType": "Csat"}))
        .await;
    app.post(
        &format!("{base}/ratings/{}/submit", offer["data"]["id"].as_str().unwrap()),
        json!({"userId": ann, "ratingResult": {"value": 5, "_type": "Csat"}, "comment": MARKERS[6]}),
    )
    .await;
    app.service.store().checkpoint().await.unwrap();
    for m in &MARKERS {
        assert!(!file_contains(dir.path(), m).is_empty(), "{m} should be on disk before anonymization");
    }

    // An open conversation needs force.
    assert_error(&app.send("PATCH", &format!("{base}/anonymize"), None).await, StatusCode::CONFLICT, "force");
    let (s, req) = app.send("PATCH", &format!("{base}/anonymize?force=true"), None).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{req}");
    assert_eq!(req["data"]["entityType"], "ConversationAnonymizationType");
    assert_eq!(req["data"]["_type"], "Conversation");
    assert_eq!(req["data"]["targetEntityId"], id.to_string());
    let (s, req) = app.send("PATCH", &format!("/v1/endusers/{ann}/anonymize"), None).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{req}");

    let c = app.conversation_json(id).await;
    assert_eq!(c["status"], "Closed");
    assert!(c["anonymizedAt"].is_string());
    assert!(c.get("subject").is_none());
    assert_eq!(c["metadata"], json!({}));
    assert_eq!(c["customAttributes"], json!([]));
    let (_, msgs) = app.get(&format!("{base}/messages")).await;
    assert_eq!(msgs["data"].as_array().unwrap().len(), 2, "the skeleton keeps the messages' existence");
    assert!(msgs["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["content"]["value"] == "" && m["attachments"] == json!([])));
    let (_, log) = app.get(&format!("{base}/activitylog")).await;
    assert!(!log["data"].as_array().unwrap().is_empty());
    assert!(hit_ids(&app.get(&format!("/v1/search/conversations?query={}", MARKERS[1])).await.1).is_empty());
    let (_, user) = app.get(&format!("/v1/endusers/{ann}")).await;
    assert!(user["data"].get("email").is_none() && user["data"]["anonymizedAt"].is_string());
    assert_error(&app.put(&format!("{base}/reopen"), json!({})).await, StatusCode::CONFLICT, "anonymized");

    app.service.shutdown().await;
    for m in &MARKERS {
        assert_eq!(file_contains(dir.path(), m), Vec::<String>::new(), "{m} is still on disk");
    }
}

#[tokio::test]
async fn a_single_message_can_be_anonymized() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let id = email(&app, &ann, "Card", "my card is 4111 1111 1111 1111").await;
    app.post(
        &format!("/v1/conversations/{id}/messages"),
        json!({"content": {"value": "thanks", "_type": "Text"}, "_type": "Inbound"}),
    )
    .await;
    let (_, msgs) = app.get(&format!("/v1/conversations/{id}/messages")).await;
    let first = msgs["data"][0]["id"].as_str().unwrap().to_owned();
    let (s, req) = app.send("PATCH", &format!("/v1/conversations/{id}/messages/{first}/anonymize"), None).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{req}");
    assert_eq!(req["data"]["targetEntityId"], format!("{id}_{first}"));
    assert_eq!(req["data"]["entityType"], "MessageAnonymizationType");
    let (_, msgs) = app.get(&format!("/v1/conversations/{id}/messages")).await;
    assert_eq!(msgs["data"][0]["content"]["value"], "");
    assert!(msgs["data"][0]["anonymizedAt"].is_string());
    assert_eq!(msgs["data"][1]["content"]["value"], "thanks");
    assert!(hit_ids(&app.get("/v1/search/conversations?query=4111").await.1).is_empty());
    assert_eq!(app.conversation_json(id).await["status"], "Open", "a message can be erased from an open conversation");
    assert_error(
        &app.send("PATCH", &format!("/v1/conversations/{id}/messages/{}/anonymize", uuid::Uuid::nil()), None).await,
        StatusCode::NOT_FOUND,
        "Message",
    );
    assert_error(
        &app.send("PATCH", &format!("/v1/conversations/{id}/messages/nope/anonymize"), None).await,
        StatusCode::BAD_REQUEST,
        "messageId",
    );
    assert_error(
        &app.send("PATCH", &format!("/v1/conversations/{id}/anonymize?force=perhaps"), None).await,
        StatusCode::BAD_REQUEST,
        "force",
    );
}

#[tokio::test]
async fn a_word_beginning_finds_the_word_and_is_highlighted() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let invoice = email(&app, &ann, "Invoices", "Where is my invoice for March?").await;
    email(&app, &ann, "Delivery", "The parcel is late").await;
    let (s, v) = app.get("/v1/search/conversations?query=invoic").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(hit_ids(&v), [invoice]);
    assert_eq!(v["data"][0]["highlights"]["subject"], json!(["<em class=\"highlight\">Invoices</em>"]));
    assert_eq!(
        v["data"][0]["innerHits"][0]["highlight"]["text"],
        "Where is my <em class=\"highlight\">invoice</em> for March?"
    );
    // An exact search still wants the whole word; two letters never stand for a beginning.
    assert_eq!(hit_ids(&app.get("/v1/search/conversations?query=invoic&exactMatch=true").await.1), Vec::<i64>::new());
    assert_eq!(hit_ids(&app.get("/v1/search/conversations?query=pa").await.1), Vec::<i64>::new());
}

#[tokio::test]
async fn the_customers_name_email_and_phone_find_their_conversations() {
    let app = App::new().await;
    let (s, v) = app
        .post(
            "/v1/endusers",
            json!({"displayName": "Ann Lee", "email": "ann.lee@example.com", "phoneNumber": "+45 12 34 56 78"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let ann = v["data"]["id"].as_str().unwrap().to_owned();
    let bob = app.end_user("Bob").await;
    let first = email(&app, &ann, "Order", "Where is it?").await;
    let second = email(&app, &ann, "Refund", "Any news?").await;
    let bobs = email(&app, &bob, "Mentions Ann Lee", "Ann Lee told me to write").await;
    let ids = |q: &str| {
        let app = &app;
        let q = q.to_owned();
        async move {
            let (s, v) = app.get(&format!("/v1/search/conversations?query={q}")).await;
            assert_eq!(s, StatusCode::OK, "{v}");
            hit_ids(&v)
        }
    };
    // Her conversations first (latest activity first), then those that only mention her.
    assert_eq!(ids("ann%20lee").await, [second, first, bobs]);
    assert_eq!(ids("ann.lee%40example.com").await, [second, first]);
    assert_eq!(ids("LEE@EXAMPLE").await, [second, first], "any case, part of the address");
    assert_eq!(ids("12345678").await, [second, first], "digits, however the number was written");
    assert_eq!(ids("%2B45%2012-34-56").await, [second, first]);
    // Paging runs through the one list.
    let (_, v) = app.get("/v1/search/conversations?query=ann%20lee&pageLimit=2").await;
    assert_eq!(hit_ids(&v), [second, first]);
    let next = v["meta"]["next"].as_str().unwrap().trim_start_matches("http://localhost").to_owned();
    assert_eq!(hit_ids(&app.get(&next).await.1), [bobs]);
    // An anonymized customer is found by nothing.
    let (s, v) = app.patch(&format!("/v1/endusers/{ann}/anonymize"), json!({})).await;
    assert_eq!(s.as_u16() / 100, 2, "{v}");
    assert_eq!(ids("12345678").await, Vec::<i64>::new());
}
