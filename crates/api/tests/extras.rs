//! API tests of the rest of the conversation model: short ids, filters, route, metadata,
//! linked conversations, import, ratings, custom attributes, the organization's activity log,
//! contact endpoints and flows; each with its bad inputs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::{json, Value};

fn ids(v: &Value) -> Vec<i64> {
    v["data"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn short_ids_increase_and_filter() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let a = app.conversation(&ann, "one").await;
    let b = app.conversation(&ann, "two").await;
    let (sa, sb) = (
        app.conversation_json(a).await["shortId"].as_i64().unwrap(),
        app.conversation_json(b).await["shortId"].as_i64().unwrap(),
    );
    assert_eq!(sb, sa + 1);
    assert_eq!(ids(&app.get(&format!("/v1/conversations?shortId={sb}")).await.1), [b]);
    assert_error(&app.get("/v1/conversations?shortId=x").await, StatusCode::BAD_REQUEST, "shortId");
}

#[tokio::test]
async fn list_filters_by_tag_time_ranges_and_topic() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let early = app.conversation(&ann, "early").await;
    app.advance(3600).await;
    let (_, v) = app.post("/v1/conversations", json!({"requesterId": ann, "topic": "Refund for order 7"})).await;
    let late = v["data"]["id"].as_i64().unwrap();
    let (_, tag) = app.post("/v1/tags", json!({"name": "billing"})).await;
    let tag = tag["data"]["id"].as_str().unwrap().to_owned();
    app.put(&format!("/v1/conversations/{early}/tags/{tag}"), json!({})).await;

    assert_eq!(ids(&app.get(&format!("/v1/conversations?tagId={tag}")).await.1), [early]);
    assert_eq!(ids(&app.get("/v1/conversations?tag=BILLING").await.1), [early]);
    assert_eq!(ids(&app.get("/v1/conversations?createdAfter=2026-01-05T09:30:00Z").await.1), [late]);
    assert_eq!(ids(&app.get("/v1/conversations?createdBefore=2026-01-05T09:30:00Z").await.1), [early]);
    // Both were touched at 10:00 (the tag is activity); ties go to the higher id.
    assert_eq!(ids(&app.get("/v1/conversations?updatedAfter=2026-01-05T10:00:00Z").await.1), [late, early]);
    assert_eq!(ids(&app.get("/v1/conversations?updatedBefore=2026-01-05T09:30:00Z").await.1), Vec::<i64>::new());
    assert_eq!(ids(&app.get("/v1/conversations?topic=refund").await.1), [late]);
    assert_eq!(ids(&app.get("/v1/conversations?topic=100%25").await.1), Vec::<i64>::new(), "% is literal");
    assert_error(&app.get("/v1/conversations?createdAfter=monday").await, StatusCode::BAD_REQUEST, "createdAfter");
    assert_error(&app.get("/v1/conversations?tagId=nope").await, StatusCode::BAD_REQUEST, "tagId");
}

#[tokio::test]
async fn route_unassigns_and_offers_in_the_default_queue() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let billing = app.queue("Billing").await;
    let (_, v) = app.post("/v1/conversations", json!({"requesterId": ann, "queueId": billing, "agentId": alice})).await;
    let id = v["data"]["id"].as_i64().unwrap();
    let (s, c) = app.post(&format!("/v1/conversations/{id}/route"), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert!(c["data"].get("assignment").is_none());
    let (_, queues) = app.get("/v1/queues").await;
    assert_eq!(c["data"]["queue"]["id"], queues["data"][0]["id"]);
    app.put(&format!("/v1/conversations/{id}/close"), json!({})).await;
    assert_error(&app.post(&format!("/v1/conversations/{id}/route"), json!({})).await, StatusCode::CONFLICT, "closed");
    assert_error(&app.post("/v1/conversations/404/route", json!({})).await, StatusCode::NOT_FOUND, "404");
}

#[tokio::test]
async fn metadata_is_a_json_object_changed_until_closed() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let id = app.conversation(&ann, "hi").await;
    let url = format!("/v1/conversations/{id}/metadata");
    assert_eq!(app.get(&url).await.1["data"], json!({}));
    let (s, v) = app.put(&url, json!({"orderId": 77, "vip": true})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(app.get(&url).await.1["data"], json!({"orderId": 77, "vip": true}));
    assert_eq!(app.conversation_json(id).await["metadata"]["orderId"], 77);
    assert_error(&app.put(&url, json!([1, 2])).await, StatusCode::BAD_REQUEST, "JSON object");
    assert_error(&app.put(&url, json!({"big": "x".repeat(70 * 1024)})).await, StatusCode::BAD_REQUEST, "larger than");
    app.put(&format!("/v1/conversations/{id}/close"), json!({})).await;
    assert_error(&app.put(&url, json!({})).await, StatusCode::CONFLICT, "closed");
    assert_eq!(app.get(&url).await.1["data"]["vip"], true);
}

#[tokio::test]
async fn side_conversations_and_follow_ups_are_linked_to_their_parent() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let supplier = app.end_user("Supplier").await;
    let parent = app.conversation(&ann, "Where is my lamp?").await;
    let url = format!("/v1/conversations/{parent}/linked");
    let (s, v) = app
        .post(&url, json!({"requesterId": supplier, "_type": "SideConversation", "channel": "Email", "subject": "Lamp stock?",
                            "message": {"content": {"value": "Do you have lamps?", "_type": "Text"}, "_type": "Outbound", "agentId": app.agent("Alice").await}}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let side = v["data"]["id"].as_i64().unwrap();
    let (_, v) = app.post(&url, json!({"_type": "FollowUp"})).await;
    let follow = v["data"]["id"].as_i64().unwrap();
    let c = app.conversation_json(side).await;
    assert_eq!(c["link"], json!({"parentId": parent, "_type": "SideConversation"}));
    assert_eq!(c["requesterId"], supplier.as_str());
    assert_eq!(app.conversation_json(follow).await["requesterId"], ann.as_str(), "defaults to the parent's requester");
    let (_, linked) = app.get(&url).await;
    let mut got = ids(&linked);
    got.sort();
    assert_eq!(got, [side, follow]);
    assert_error(&app.post(&url, json!({"_type": "Cousin"})).await, StatusCode::BAD_REQUEST, "body");
    assert_error(&app.post("/v1/conversations/999/linked", json!({})).await, StatusCode::NOT_FOUND, "999");
    app.put(&format!("/v1/conversations/{parent}/close"), json!({})).await;
    assert_error(&app.post(&url, json!({"_type": "SideConversation"})).await, StatusCode::CONFLICT, "closed");
    let (s, _) = app.post(&url, json!({"_type": "FollowUp"})).await;
    assert_eq!(s, StatusCode::CREATED, "a closed conversation can still be followed up");
}

#[tokio::test]
async fn import_brings_history_with_partial_errors() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let body = json!({
        "genericChannelName": "MyCustomChat",
        "requesterId": ann,
        "requesterConnectionStatus": "Connected",
        "direction": "Inbound",
        "messages": [
            {"content": {"value": "My order hasn't shipped", "_type": "Text"}, "attachments": [], "createdAt": "2021-12-01T13:00:00.003Z", "_type": "InboundImport"},
            {"content": {"value": "Sorry! Looking.", "_type": "Text"}, "attachments": [{"url": "not a url"}], "createdAt": "2021-12-01T13:05:00Z",
             "_type": "OutboundImport", "agentId": alice, "externalId": "42"}
        ],
        "createdAt": "2021-12-01T11:00:00.001Z",
        "assignment": {"agentId": uuid::Uuid::nil(), "assignedAt": "2021-12-01T12:00:00.002Z"},
        "_type": "GenericConversationImport"
    });
    let (s, v) = app.post("/v1/conversations/import", body.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["data"]["id"].as_i64().unwrap();
    let errors: Vec<&str> =
        v["data"]["partialErrors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect();
    assert_eq!(errors, ["Invalid attachment url in message. externalId: 42", "The conversation could not be assigned"]);
    let c = app.conversation_json(id).await;
    assert_eq!(c["channel"], "Generic");
    assert_eq!(c["createdAt"], "2021-12-01T11:00:00.001Z");
    assert_eq!(c["metadata"]["genericChannelName"], "MyCustomChat");
    let (_, msgs) = app.get(&format!("/v1/conversations/{id}/messages")).await;
    assert_eq!(msgs["data"][0]["createdAt"], "2021-12-01T13:00:00.003Z");
    assert_eq!(msgs["data"][1]["authorId"], alice.as_str());
    assert!(msgs["data"][1]["attachments"].as_array().unwrap().is_empty());

    let mut assigned = body.clone();
    assigned["assignment"]["agentId"] = json!(alice);
    let (_, v) = app.post("/v1/conversations/import", assigned).await;
    let c = app.conversation_json(v["data"]["id"].as_i64().unwrap()).await;
    assert_eq!(c["assignment"]["agentId"], alice.as_str());
    assert_eq!(c["assignment"]["assignedAt"], "2021-12-01T12:00:00.002Z");

    let before = app.count("conversations").await;
    let mut bad = body.clone();
    bad["requesterId"] = json!(uuid::Uuid::nil());
    assert_error(&app.post("/v1/conversations/import", bad).await, StatusCode::BAD_REQUEST, "Requester does not exist");
    let mut bad = body.clone();
    bad["messages"][1]["agentId"] = json!(uuid::Uuid::nil());
    assert_error(&app.post("/v1/conversations/import", bad).await, StatusCode::BAD_REQUEST, "Agent does not exist");
    let mut bad = body.clone();
    bad["_type"] = json!("EmailImport");
    assert_error(
        &app.post("/v1/conversations/import", bad).await,
        StatusCode::BAD_REQUEST,
        "Unsupported ConversationChannel",
    );
    let mut bad = body;
    bad["createdAt"] = json!("yesterday");
    assert_error(&app.post("/v1/conversations/import", bad).await, StatusCode::BAD_REQUEST, "body");
    assert_eq!(app.count("conversations").await, before, "refused imports leave nothing");
}

#[tokio::test]
async fn ratings_are_offered_submitted_once_and_listed() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let id = app.conversation(&ann, "hi").await;
    let (s, offer) = app
        .post(
            &format!("/v1/conversations/{id}/ratings/offer"),
            json!({"userId": ann, "agentId": alice, "ratingType": "Csat", "offeredAt": "2024-03-11T16:39:30Z"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{offer}");
    assert_eq!(offer["data"]["offeredAt"], "2024-03-11T16:39:30.000Z");
    let rating = offer["data"]["id"].as_str().unwrap().to_owned();
    let submit = format!("/v1/conversations/{id}/ratings/{rating}/submit");
    assert_error(
        &app.post(&submit, json!({"userId": ann, "ratingResult": {"value": 6, "_type": "Csat"}})).await,
        StatusCode::BAD_REQUEST,
        "between 1 and 5",
    );
    assert_error(
        &app.post(&submit, json!({"userId": ann, "ratingResult": {"value": "ThumbsUp", "_type": "ThumbsUpOrDown"}}))
            .await,
        StatusCode::BAD_REQUEST,
        "offered as Csat",
    );
    assert_error(
        &app.post(&submit, json!({"userId": alice, "ratingResult": {"value": 4, "_type": "Csat"}})).await,
        StatusCode::BAD_REQUEST,
        "another user",
    );
    let (s, r) = app.post(&submit, json!({"userId": ann, "ratingResult": {"value": 4, "_type": "Csat"}, "comment": "Best customer service ever!"})).await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["data"]["ratingResult"], json!({"value": 4, "_type": "Csat"}));
    assert_error(
        &app.post(&submit, json!({"userId": ann, "ratingResult": {"value": 5, "_type": "Csat"}})).await,
        StatusCode::CONFLICT,
        "already submitted",
    );
    for path in ["ratings", "rating"] {
        let (_, list) = app.get(&format!("/v1/conversations/{id}/{path}")).await;
        let r = &list["data"][0];
        assert_eq!(r["ratingScore"], 4);
        assert_eq!(r["ratingStatus"], "Rated");
        assert_eq!(r["ratingComment"], "Best customer service ever!");
        assert_eq!(r["conversationChannel"], "WidgetChat");
    }
    assert_error(
        &app.post(
            &format!("/v1/conversations/{id}/ratings/offer"),
            json!({"userId": ann, "agentId": alice, "ratingType": "Stars"}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "body",
    );
    assert_error(
        &app.post(
            &format!("/v1/conversations/{id}/ratings/offer"),
            json!({"userId": uuid::Uuid::nil(), "agentId": alice, "ratingType": "Csat"}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "End user",
    );
    assert_error(
        &app.post(
            &format!("/v1/conversations/{id}/ratings/{}/submit", uuid::Uuid::nil()),
            json!({"userId": ann, "ratingResult": {"value": 4, "_type": "Csat"}}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "Rating",
    );
}

#[tokio::test]
async fn custom_attributes_are_validated_against_their_definition() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let id = app.conversation(&ann, "hi").await;
    let (s, text) = app.post("/v1/custom-attributes", json!({"entityType": "Conversation", "identifier": "conversation_attribute", "label": "Conversation attribute", "_type": "Text"})).await;
    assert_eq!(s, StatusCode::CREATED, "{text}");
    let text = text["data"]["id"].as_str().unwrap().to_owned();
    let (_, select) = app
        .post("/v1/custom-attributes", json!({"entityType": "Conversation", "identifier": "conversation_attribute_2", "label": "Conversation attribute 2", "_type": "Select", "options": ["str1", "str2", "str3"]}))
        .await;
    let select = select["data"]["id"].as_str().unwrap().to_owned();
    assert_error(&app.post("/v1/custom-attributes", json!({"entityType": "Conversation", "identifier": "conversation_attribute", "label": "x", "_type": "Text"})).await, StatusCode::CONFLICT, "already exists");
    assert_error(
        &app.post(
            "/v1/custom-attributes",
            json!({"entityType": "Conversation", "identifier": "Bad Id", "label": "x", "_type": "Text"}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "identifier",
    );
    assert_error(
        &app.post(
            "/v1/custom-attributes",
            json!({"entityType": "Conversation", "identifier": "s", "label": "x", "_type": "Select"}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "option",
    );

    let url = format!("/v1/conversations/{id}/custom-attributes");
    let (s, v) = app.patch(&url, json!({ &text: "012345", &select: ["str2", "str1"] })).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        v["data"][0],
        json!({"id": text, "name": "Conversation attribute", "identifier": "conversation_attribute", "value": "012345"})
    );
    assert_eq!(v["data"][1]["value"], json!(["str1", "str2"]));
    let c = app.conversation_json(id).await;
    assert_eq!(c["customAttributes"].as_array().unwrap().len(), 2);

    // Any bad entry refuses the whole patch.
    for (body, needle) in [
        (json!({ &text: "changed", uuid::Uuid::nil().to_string(): "x" }), "unknown conversation attribute"),
        (json!({ &text: ["a"] }), "is Text"),
        (json!({ &select: "str1" }), "is Select"),
        (json!({ &select: ["str9"] }), "not an option"),
        (json!({ "not-a-uuid": "x" }), "body"),
    ] {
        assert_error(&app.patch(&url, body).await, StatusCode::BAD_REQUEST, needle);
    }
    assert_eq!(app.conversation_json(id).await["customAttributes"][0]["value"], "012345");
    let (_, v) = app.patch(&url, json!({ &select: null })).await;
    assert_eq!(v["data"].as_array().unwrap().len(), 1, "null clears");

    let (s, archived) = app.patch(&format!("/v1/custom-attributes/{text}"), json!({"isArchived": true})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(archived["data"]["isArchived"], true);
    assert_error(&app.patch(&url, json!({ &text: "new" })).await, StatusCode::BAD_REQUEST, "archived");
    let (_, list) = app.get("/v1/custom-attributes").await;
    assert_eq!(list["data"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.get(&format!("/v1/custom-attributes/{select}")).await.1["data"]["inputDefinition"]["options"][2]["value"],
        "str3"
    );
    assert_error(
        &app.get(&format!("/v1/custom-attributes/{}", uuid::Uuid::nil())).await,
        StatusCode::NOT_FOUND,
        "not found",
    );
}

#[tokio::test]
async fn the_organization_activity_log_pages_and_filters_by_time() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let a = app.conversation(&ann, "one").await;
    app.advance(3600).await;
    let b = app.conversation(&ann, "two").await;
    let (_, all) = app.get("/v1/conversations/activitylog").await;
    let kinds: Vec<(i64, &str)> = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["conversationId"].as_i64().unwrap(), e["_type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [(a, "ConversationCreated"), (a, "MessageAdded"), (b, "ConversationCreated"), (b, "MessageAdded")]
    );
    let (_, later) = app.get("/v1/conversations/activitylog?fromDatetime=2026-01-05T09:30:00Z").await;
    assert!(later["data"].as_array().unwrap().iter().all(|e| e["conversationId"] == b));
    let (_, earlier) = app.get("/v1/conversations/activitylog?toDatetime=2026-01-05T09:30:00.000Z[GMT]").await;
    assert!(earlier["data"].as_array().unwrap().iter().all(|e| e["conversationId"] == a));
    let (_, p1) = app.get("/v1/conversations/activitylog?pageLimit=3").await;
    assert_eq!(p1["data"].as_array().unwrap().len(), 3);
    let next = p1["meta"]["next"].as_str().unwrap().trim_start_matches("http://switchboard.test").to_owned();
    let (_, p2) = app.get(&next).await;
    assert_eq!(p2["data"].as_array().unwrap().len(), 1);
    assert!(p2["meta"].get("next").is_none());
    assert_error(
        &app.get("/v1/conversations/activitylog?fromDatetime=soon").await,
        StatusCode::BAD_REQUEST,
        "fromDatetime",
    );
    assert_error(&app.get("/v1/conversations/activitylog?pageKey=zzz").await, StatusCode::BAD_REQUEST, "pageKey");
    assert_error(
        &app.get("/v1/conversations/activitylog?fromDatetime=2026-02-01T00:00:00Z&toDatetime=2026-01-01T00:00:00Z")
            .await,
        StatusCode::BAD_REQUEST,
        "Validation failure",
    );
}

#[tokio::test]
async fn contact_endpoints_create_flows_per_channel() {
    let app = App::new().await;
    let (s, e) = app
        .post("/v1/contact-endpoints", json!({"_type": "Phone", "address": "+559912443333", "name": "Main line"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    assert_eq!(e["data"]["id"], "+559912443333");
    app.post("/v1/contact-endpoints", json!({"_type": "Email", "address": "Support@Example.com"})).await;
    app.post("/v1/contact-endpoints", json!({"_type": "Widget", "address": "web-chat"})).await;
    let (_, calls) = app.get("/v1/conversations/flows").await;
    assert_eq!(calls["data"].as_array().unwrap().len(), 1, "PstnPhone by default");
    assert_eq!(calls["data"][0]["name"], "Default call flow");
    assert_eq!(calls["data"][0]["contactEndpointId"], "+559912443333");
    let (_, mail) = app.get("/v1/conversations/flows?channel=Email").await;
    assert_eq!(mail["data"][0]["contactEndpointId"], "support@example.com");
    let (_, chat) = app.get("/v1/conversations/flows?channel=WidgetChat").await;
    assert_eq!(chat["data"].as_array().unwrap().len(), 1);
    assert_error(&app.get("/v1/conversations/flows?channel=Fax").await, StatusCode::BAD_REQUEST, "channel");
    assert_error(
        &app.post("/v1/contact-endpoints", json!({"_type": "Phone", "address": "12345"})).await,
        StatusCode::BAD_REQUEST,
        "E.164",
    );
    assert_error(
        &app.post("/v1/contact-endpoints", json!({"_type": "Email", "address": "support@example.com"})).await,
        StatusCode::CONFLICT,
        "already exists",
    );
    let (_, list) = app.get("/v1/contact-endpoints").await;
    assert_eq!(list["data"].as_array().unwrap().len(), 3);
    assert_eq!(app.get("/v1/contact-endpoints/web-chat").await.0, StatusCode::OK);
    assert_eq!(app.delete("/v1/contact-endpoints/web-chat").await.0, StatusCode::NO_CONTENT);
    assert_error(&app.get("/v1/contact-endpoints/web-chat").await, StatusCode::NOT_FOUND, "not found");
    let (_, chat) = app.get("/v1/conversations/flows?channel=WidgetChat").await;
    assert!(chat["data"].as_array().unwrap().is_empty(), "its flows went with it");
}
