//! People and companies: the standard person attributes an end user carries, the company they
//! belong to, and how both become routing facts under the guide's attribute names.

use crate::conditions::FactValue;
use crate::error::RuleError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum Gender {
    Male,
    Female,
}

/// The standard person attributes besides name, email, phone and external id (which the end
/// user row has itself). Dates are calendar days.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PersonDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schema(value_type = Option<String>, format = Date))]
    pub birth_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// The customer's tags (not conversation tags).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nick_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_service: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub person_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrations: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_from: Option<String>,
}

/// A company and its standard attributes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CompanyDetails {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_manager: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_stage: Option<String>,
    /// Web domains (example.com).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<String>,
}

const MAX_TEXT: usize = 500;
const MAX_LIST: usize = 100;

fn clean_text(field: &'static str, v: &mut Option<String>) -> Result<(), RuleError> {
    if let Some(t) = v.take() {
        let t = t.trim().to_owned();
        if t.chars().count() > MAX_TEXT {
            return Err(RuleError::TooLong { field, max: MAX_TEXT });
        }
        *v = (!t.is_empty()).then_some(t);
    }
    Ok(())
}

fn clean_list(field: &'static str, v: &mut Vec<String>) -> Result<(), RuleError> {
    let mut out: Vec<String> = Vec::new();
    for item in v.drain(..) {
        let item = item.trim().to_owned();
        if item.chars().count() > MAX_TEXT {
            return Err(RuleError::TooLong { field, max: MAX_TEXT });
        }
        if !item.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&item)) {
            out.push(item);
        }
    }
    if out.len() > MAX_LIST {
        return Err(RuleError::TooLong { field, max: MAX_LIST });
    }
    *v = out;
    Ok(())
}

impl PersonDetails {
    /// Trims every text, drops empty ones and duplicate tags; refuses over-long values.
    pub fn cleaned(mut self) -> Result<Self, RuleError> {
        clean_text("address", &mut self.address)?;
        clean_text("city", &mut self.city)?;
        clean_text("country", &mut self.country)?;
        clean_text("middleName", &mut self.middle_name)?;
        clean_text("nickName", &mut self.nick_name)?;
        clean_text("preferredService", &mut self.preferred_service)?;
        clean_text("type", &mut self.person_type)?;
        clean_text("integrations", &mut self.integrations)?;
        clean_text("modifiedFrom", &mut self.modified_from)?;
        clean_list("tags", &mut self.tags)?;
        Ok(self)
    }
}

/// Applies a partial JSON object to details: each key sets that attribute, null clears it.
/// Unknown keys and values of the wrong shape are refused, naming the key.
fn patch_json<T: Serialize + serde::de::DeserializeOwned>(
    current: &T,
    patch: &serde_json::Map<String, serde_json::Value>,
    allowed: &[&str],
) -> Result<T, RuleError> {
    let mut merged = match serde_json::to_value(current) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    for (k, v) in patch {
        if !allowed.contains(&k.as_str()) {
            return Err(RuleError::UnknownAttribute(k.clone()));
        }
        if v.is_null() {
            merged.remove(k);
        } else {
            merged.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(serde_json::Value::Object(merged)).map_err(|e| RuleError::BadAttribute(e.to_string()))
}

/// The keys of [`PersonDetails`] in JSON.
pub const PERSON_KEYS: &[&str] = &[
    "address",
    "birthDate",
    "city",
    "country",
    "gender",
    "tags",
    "middleName",
    "nickName",
    "preferredService",
    "type",
    "integrations",
    "modifiedFrom",
];

/// The keys of [`CompanyDetails`] in JSON.
pub const COMPANY_KEYS: &[&str] = &[
    "name",
    "accountManager",
    "country",
    "customerStage",
    "domains",
    "externalId",
    "industry",
    "notes",
    "segment",
    "tags",
    "vatNumber",
];

impl PersonDetails {
    /// These details with a partial change applied (see [`patch_json`]), cleaned.
    pub fn patched(&self, patch: &serde_json::Map<String, serde_json::Value>) -> Result<Self, RuleError> {
        patch_json(self, patch, PERSON_KEYS)?.cleaned()
    }
}

impl CompanyDetails {
    /// These details with a partial change applied, cleaned.
    pub fn patched(&self, patch: &serde_json::Map<String, serde_json::Value>) -> Result<Self, RuleError> {
        patch_json(self, patch, COMPANY_KEYS)?.cleaned()
    }
}

impl CompanyDetails {
    /// As [`PersonDetails::cleaned`]; a company must have a name.
    pub fn cleaned(mut self) -> Result<Self, RuleError> {
        let name = crate::content::validate_name("name", &self.name, 200)?;
        self.name = name;
        clean_text("accountManager", &mut self.account_manager)?;
        clean_text("country", &mut self.country)?;
        clean_text("customerStage", &mut self.customer_stage)?;
        clean_text("externalId", &mut self.external_id)?;
        clean_text("industry", &mut self.industry)?;
        clean_text("notes", &mut self.notes)?;
        clean_text("segment", &mut self.segment)?;
        clean_text("vatNumber", &mut self.vat_number)?;
        clean_list("domains", &mut self.domains)?;
        clean_list("tags", &mut self.tags)?;
        Ok(self)
    }
}

fn put(map: &mut BTreeMap<String, FactValue>, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), FactValue::Text(v.clone()));
    }
}

/// The standard person attributes of the routing table, by the guide's names.
pub fn person_facts(
    first_name: &Option<String>,
    last_name: &Option<String>,
    external_id: &Option<String>,
    p: &PersonDetails,
) -> BTreeMap<String, FactValue> {
    let mut m = BTreeMap::new();
    put(&mut m, "firstName", first_name);
    put(&mut m, "lastName", last_name);
    put(&mut m, "externalPersonId", external_id);
    put(&mut m, "address", &p.address);
    put(&mut m, "city", &p.city);
    put(&mut m, "country", &p.country);
    put(&mut m, "middleName", &p.middle_name);
    put(&mut m, "nickName", &p.nick_name);
    put(&mut m, "preferredService", &p.preferred_service);
    put(&mut m, "type", &p.person_type);
    put(&mut m, "integrations", &p.integrations);
    put(&mut m, "modifiedFrom", &p.modified_from);
    if let Some(d) = p.birth_date {
        m.insert("birthDate".into(), FactValue::Date(d));
    }
    if let Some(g) = p.gender {
        let g = match g {
            Gender::Male => "Male",
            Gender::Female => "Female",
        };
        m.insert("gender".into(), FactValue::Text(g.into()));
    }
    if !p.tags.is_empty() {
        m.insert("customer tags".into(), FactValue::Many(p.tags.clone()));
    }
    m
}

/// The standard company attributes of the routing table, by the guide's names.
pub fn company_facts(c: &CompanyDetails) -> BTreeMap<String, FactValue> {
    let mut m = BTreeMap::new();
    m.insert("name".into(), FactValue::Text(c.name.clone()));
    put(&mut m, "accountManager", &c.account_manager);
    put(&mut m, "country", &c.country);
    put(&mut m, "customerStage", &c.customer_stage);
    put(&mut m, "externalId", &c.external_id);
    put(&mut m, "industry", &c.industry);
    put(&mut m, "notes", &c.notes);
    put(&mut m, "segment", &c.segment);
    put(&mut m, "vatNumber", &c.vat_number);
    if !c.domains.is_empty() {
        m.insert("domains".into(), FactValue::Many(c.domains.clone()));
    }
    if !c.tags.is_empty() {
        m.insert("tags".into(), FactValue::Many(c.tags.clone()));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conditions::{ConditionSpec, Facts};
    use crate::routing::{route, Route};
    use uuid::Uuid;

    fn rule(spec: serde_json::Value) -> Route {
        let c = serde_json::from_value::<ConditionSpec>(spec).unwrap().to_condition().unwrap();
        Route {
            id: Uuid::from_u128(1),
            name: "r".into(),
            enabled: true,
            groups: vec![vec![c]],
            queue: Uuid::from_u128(9),
            priority: None,
        }
    }

    #[test]
    fn person_details_become_routing_facts() {
        let p = PersonDetails {
            city: Some("Madrid".into()),
            birth_date: NaiveDate::from_ymd_opt(1990, 5, 17),
            gender: Some(Gender::Female),
            tags: vec!["premium".into()],
            ..Default::default()
        }
        .cleaned()
        .unwrap();
        let facts = Facts { person: person_facts(&Some("Ana".into()), &None, &None, &p), ..Default::default() };
        let default = Uuid::from_u128(2);
        let hit = |spec| route(&[rule(spec)], &facts, default).queue == Uuid::from_u128(9);
        assert!(hit(serde_json::json!({"attribute": "person.city", "operator": "starts with", "value": "mad"})));
        assert!(hit(serde_json::json!({"attribute": "person.birthDate", "operator": "before", "value": "2000-01-01"})));
        assert!(hit(serde_json::json!({"attribute": "person.gender", "operator": "is", "value": "Female"})));
        assert!(hit(
            serde_json::json!({"attribute": "person.customerTags", "operator": "contains", "value": "premium"})
        ));
        assert!(hit(serde_json::json!({"attribute": "person.firstName", "operator": "is", "value": "Ana"})));
        assert!(!hit(serde_json::json!({"attribute": "person.country", "operator": "is", "value": "Spain"})));
    }

    #[test]
    fn patches_set_clear_and_name_bad_values() {
        let p = PersonDetails { city: Some("Oslo".into()), country: Some("Norway".into()), ..Default::default() };
        let patch = |v: serde_json::Value| v.as_object().unwrap().clone();
        let q = p
            .patched(&patch(serde_json::json!({"city": "Bergen", "country": null, "birthDate": "1980-02-29"})))
            .unwrap();
        assert_eq!(q.city.as_deref(), Some("Bergen"));
        assert_eq!(q.country, None);
        assert_eq!(q.birth_date, NaiveDate::from_ymd_opt(1980, 2, 29));
        let e = p.patched(&patch(serde_json::json!({"shoeSize": 42}))).unwrap_err();
        assert_eq!(e, RuleError::UnknownAttribute("shoeSize".into()));
        let e = p.patched(&patch(serde_json::json!({"birthDate": "1981-02-29"}))).unwrap_err().to_string();
        assert!(e.contains("input is out of range") || e.contains("birth"), "{e}");
        let e = p.patched(&patch(serde_json::json!({"gender": "Other"}))).unwrap_err().to_string();
        assert!(e.contains("Other"), "{e}");
    }

    #[test]
    fn company_details_become_routing_facts() {
        let c = CompanyDetails {
            name: " Acme ".into(),
            domains: vec!["acme.test".into(), "ACME.test".into(), " ".into()],
            segment: Some("Enterprise".into()),
            ..Default::default()
        }
        .cleaned()
        .unwrap();
        assert_eq!(c.name, "Acme");
        assert_eq!(c.domains, ["acme.test"], "duplicates and blanks dropped");
        let facts = Facts { company: company_facts(&c), ..Default::default() };
        let r = rule(serde_json::json!({"attribute": "company.domains", "operator": "contains", "value": "acme.test"}));
        assert_eq!(route(&[r], &facts, Uuid::from_u128(2)).queue, Uuid::from_u128(9));
        let r = rule(serde_json::json!({"attribute": "company.segment", "operator": "is", "value": "enterprise"}));
        assert_eq!(route(&[r], &facts, Uuid::from_u128(2)).queue, Uuid::from_u128(9));
        assert!(CompanyDetails { name: "  ".into(), ..Default::default() }.cleaned().is_err());
    }
}
