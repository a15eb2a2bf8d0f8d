//! Pages of list answers and the items of bulk requests.

use crate::ServiceError;

/// A page of results and the key of the last item, when more may follow.
#[derive(Debug, Clone)]
pub struct Page<T, K> {
    pub items: Vec<T>,
    pub next: Option<K>,
}

/// Builds a page from `limit + 1` fetched rows: the extra row only says that more exist.
pub(crate) fn page<T, K>(mut rows: Vec<T>, limit: u32, key: impl Fn(&T) -> K) -> Page<T, K> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = if more { rows.last().map(key) } else { None };
    Page { items: rows, next }
}

/// One item of a bulk request: the created or changed record, or why it was refused.
pub type Bulk<T> = std::result::Result<T, ServiceError>;
