//! People and companies through the API: person attributes on end users, companies with their
//! attributes, both as routing facts; and bot handover through the routes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::json;

#[tokio::test]
async fn companies_are_created_changed_listed_and_deleted() {
    let app = App::new().await;
    let (s, v) = app
        .post(
            "/v1/companies",
            json!({"name": " Acme ", "domains": ["acme.test", "ACME.test"], "segment": "Enterprise"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["data"]["name"], "Acme");
    assert_eq!(v["data"]["domains"], json!(["acme.test"]));
    let acme = v["data"]["id"].as_str().unwrap().to_owned();
    assert_error(&app.post("/v1/companies", json!({"name": "  "})).await, StatusCode::BAD_REQUEST, "name");
    assert_error(&app.post("/v1/companies", json!({"segment": "x"})).await, StatusCode::BAD_REQUEST, "name");

    let (s, v) = app.patch(&format!("/v1/companies/{acme}"), json!({"segment": null, "industry": "Retail"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["data"].get("segment").is_none(), "{v}");
    assert_eq!(v["data"]["industry"], "Retail");
    assert_error(
        &app.patch(&format!("/v1/companies/{acme}"), json!({"shoeSize": 1})).await,
        StatusCode::BAD_REQUEST,
        "shoeSize",
    );
    assert_error(
        &app.patch(&format!("/v1/companies/{acme}"), json!({"domains": "acme.test"})).await,
        StatusCode::BAD_REQUEST,
        "Invalid attribute value",
    );

    for name in ["Beta", "Gamma"] {
        app.post("/v1/companies", json!({ "name": name })).await;
    }
    let (_, page) = app.get("/v1/companies?pageLimit=2").await;
    let names: Vec<&str> = page["data"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Acme", "Beta"]);
    let next = page["meta"]["next"].as_str().unwrap().replace("http://switchboard.test", "");
    let (_, rest) = app.get(&next).await;
    assert_eq!(rest["data"][0]["name"], "Gamma");

    // People belong to a company; deleting it leaves them in none.
    let (s, v) = app.post("/v1/endusers", json!({"displayName": "Pat", "companyId": acme})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let pat = v["data"]["id"].as_str().unwrap().to_owned();
    let (_, people) = app.get(&format!("/v1/companies/{acme}/endusers")).await;
    assert_eq!(people["data"][0]["id"], pat.as_str());
    let (_, by_filter) = app.get(&format!("/v1/endusers?companyId={acme}")).await;
    assert_eq!(by_filter["data"].as_array().unwrap().len(), 1);
    let nil = uuid::Uuid::nil();
    assert_error(
        &app.post("/v1/endusers", json!({"displayName": "X", "companyId": nil})).await,
        StatusCode::BAD_REQUEST,
        "does not exist",
    );
    assert_eq!(app.delete(&format!("/v1/companies/{acme}")).await.0, StatusCode::NO_CONTENT);
    let (_, v) = app.get(&format!("/v1/endusers/{pat}")).await;
    assert!(v["data"].get("companyId").is_none(), "{v}");
    assert_eq!(app.get(&format!("/v1/companies/{acme}")).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn person_and_company_attributes_route_conversations() {
    let app = App::new().await;
    let (_, v) = app.post("/v1/companies", json!({"name": "Bigco", "segment": "Enterprise", "country": "Spain"})).await;
    let bigco = v["data"]["id"].as_str().unwrap().to_owned();
    let (s, v) = app
        .post(
            "/v1/endusers",
            json!({"displayName": "Ana", "email": "ana@bigco.test", "companyId": bigco,
                   "person": {"city": "Madrid", "birthDate": "1990-05-17", "gender": "Female", "tags": ["premium"]}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["data"]["person"]["city"], "Madrid");
    let ana = v["data"]["id"].as_str().unwrap().to_owned();
    let (_, v) = app.post("/v1/endusers", json!({"displayName": "Bo", "email": "bo@small.test"})).await;
    let bo = v["data"]["id"].as_str().unwrap().to_owned();
    assert_error(
        &app.patch(&format!("/v1/endusers/{bo}"), json!({"person": {"birthDate": "1990-13-01"}})).await,
        StatusCode::BAD_REQUEST,
        "Invalid attribute value",
    );
    assert_error(
        &app.patch(&format!("/v1/endusers/{bo}"), json!({"person": {"gender": "Other"}})).await,
        StatusCode::BAD_REQUEST,
        "Other",
    );

    let enterprise = app.queue("Enterprise").await;
    let young = app.queue("Born after 1985").await;
    app.post(
        "/v1/routes",
        json!({"name": "Enterprise customers", "queueId": enterprise,
               "conditions": [[{"attribute": "company.segment", "operator": "is", "value": "Enterprise"},
                               {"attribute": "person.customerTags", "operator": "contains", "value": "premium"}]]}),
    )
    .await;
    app.post(
        "/v1/routes",
        json!({"name": "Young", "queueId": young,
               "conditions": [[{"attribute": "person.birthDate", "operator": "after", "value": "1985-01-01"}]]}),
    )
    .await;
    let queue_of = |requester: String| {
        let app = &app;
        async move {
            let id = app.conversation(&requester, "Hello").await;
            app.conversation_json(id).await["queueId"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(queue_of(ana.clone()).await, enterprise);
    assert_ne!(queue_of(bo.clone()).await, young);
    // Bo gets a birth date: the second route takes him.
    let (s, v) =
        app.patch(&format!("/v1/endusers/{bo}"), json!({"person": {"birthDate": "1992-01-01", "city": "Oslo"}})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(queue_of(bo.clone()).await, young);
    // Clearing one attribute keeps the others.
    let (_, v) = app.patch(&format!("/v1/endusers/{bo}"), json!({"person": {"city": null}})).await;
    assert_eq!(v["data"]["person"], json!({"birthDate": "1992-01-01"}));

    // Custom company attributes route too.
    let (s, attr) = app
        .post("/v1/custom-attributes", json!({"entityType": "Company", "identifier": "tier", "label": "Tier", "_type": "Select", "options": ["Gold", "Silver"]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{attr}");
    let attr = attr["data"]["id"].as_str().unwrap().to_owned();
    let gold = app.queue("Gold").await;
    let (_, first) = app.get("/v1/routes").await;
    let (_, route) = app
        .post(
            "/v1/routes",
            json!({"name": "Gold companies", "queueId": gold,
            "conditions": [[{"attribute": "custom.company.tier", "operator": "in list", "value": ["Gold"]}]]}),
        )
        .await;
    let route = route["data"]["id"].as_str().unwrap().to_owned();
    app.put(&format!("/v1/routes/{route}/position"), json!({"position": 0})).await;
    assert_eq!(first["data"].as_array().unwrap().len(), 2);
    let (s, v) = app.patch(&format!("/v1/companies/{bigco}/custom-attributes"), json!({ &attr: ["Gold"] })).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(queue_of(ana.clone()).await, gold);
    let (_, v) = app.get(&format!("/v1/companies/{bigco}/custom-attributes")).await;
    assert_eq!(v["data"].as_array().unwrap().len(), 1, "{v}");
    assert_error(
        &app.patch(&format!("/v1/companies/{bigco}/custom-attributes"), json!({ &attr: ["Bronze"] })).await,
        StatusCode::BAD_REQUEST,
        "Bronze",
    );

    // Anonymizing erases person details and the company link.
    let (s, _) = app.send("PATCH", &format!("/v1/endusers/{ana}/anonymize"), None).await;
    assert!(s.is_success(), "{s}");
    let (_, v) = app.get(&format!("/v1/endusers/{ana}")).await;
    assert_eq!(v["data"]["person"], json!({}));
    assert!(v["data"].get("companyId").is_none());
}

#[tokio::test]
async fn a_bot_hands_over_through_the_routes_to_an_available_agent() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let (_, bot) = app.post("/v1/agents", json!({"displayName": "Helper bot", "userType": "Bot"})).await;
    let bot = bot["data"]["id"].as_str().unwrap().to_owned();
    let (_, t) = app.post(&format!("/v1/agents/{bot}/tokens"), json!({})).await;
    let token = t["data"]["token"].as_str().unwrap().to_owned();
    let bots = app.queue("Bot").await;
    let billing = app.queue("Billing").await;
    app.patch(&format!("/v1/queues/{bots}"), json!({"autoAssignment": false})).await;
    app.post(
        "/v1/routes",
        json!({"name": "Refunds", "queueId": billing,
               "conditions": [[{"attribute": "content", "operator": "contains", "value": "refund"}]]}),
    )
    .await;
    let cy = app.agent("Cy").await;
    app.patch(&format!("/v1/queues/{billing}/members"), json!({"agentIds": [cy]})).await;
    let (_, statuses) = app.get("/v1/agent-statuses").await;
    let available = statuses["data"][0]["id"].as_str().unwrap().to_owned();
    app.put(&format!("/v1/agents/{cy}/status"), json!({"statusId": available})).await;

    // The bot talks first, in its own queue.
    let body = json!({"requesterId": ann, "queueId": bots, "_type": "Chat",
        "message": {"content": {"value": "I want a refund", "_type": "Text"}, "_type": "Inbound"}})
    .to_string();
    let (s, v) = app.send_as(&token, "POST", "/v1/conversations", Some(&body)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["data"]["id"].as_i64().unwrap();
    assert_eq!(app.conversation_json(id).await["queueId"], bots.as_str());

    let (s, v) = app.send_as(&token, "POST", &format!("/v1/conversations/{id}/handover"), None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["queueId"], billing.as_str());
    assert_eq!(v["data"]["agentId"], cy.as_str(), "automatic assignment found Cy");
    let (_, log) = app.get(&format!("/v1/conversations/{id}/activitylog")).await;
    assert!(log.to_string().contains("\"handover\":true"), "{log}");
    // Once an agent holds it, there is nothing to hand over.
    assert_error(
        &app.send_as(&token, "POST", &format!("/v1/conversations/{id}/handover"), None).await,
        StatusCode::CONFLICT,
        "already with agent",
    );
}

#[tokio::test]
async fn an_emails_addresses_route_it_and_are_erased_with_it() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let legal = app.queue("Legal").await;
    app.post(
        "/v1/routes",
        json!({"name": "Legal in copy", "queueId": legal,
               "conditions": [[{"attribute": "email.cc", "operator": "contains", "value": "legal@shop.test"}]]}),
    )
    .await;
    let email = |cc: &str| {
        json!({"requesterId": ann, "_type": "Email", "subject": "Contract",
               "message": {"content": {"value": "See attached", "_type": "Text"}, "_type": "Inbound",
                           "email": {"from": "ann@example.com", "to": ["sales@shop.test"], "cc": [cc]}}})
    };
    let (s, v) = app.post("/v1/conversations", email("LEGAL@shop.test")).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["data"]["id"].as_i64().unwrap();
    assert_eq!(app.conversation_json(id).await["queueId"], legal.as_str());
    let (_, other) = app.post("/v1/conversations", email("boss@shop.test")).await;
    assert_ne!(app.conversation_json(other["data"]["id"].as_i64().unwrap()).await["queueId"], legal.as_str());
    assert_error(&app.post("/v1/conversations", email("not an address")).await, StatusCode::BAD_REQUEST, "name@domain");

    let (_, msgs) = app.get(&format!("/v1/conversations/{id}/messages")).await;
    assert_eq!(msgs["data"][0]["email"]["cc"], json!(["LEGAL@shop.test"]));
    let (s, _) = app.send("PATCH", &format!("/v1/conversations/{id}/anonymize?force=true"), None).await;
    assert!(s.is_success(), "{s}");
    let (_, msgs) = app.get(&format!("/v1/conversations/{id}/messages")).await;
    assert!(msgs["data"][0].get("email").is_none(), "{msgs}");
}
