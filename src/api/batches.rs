//! The batch endpoints: submit, status, history, retry, cancel, and the Settings connection test.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use trawl_protocol::{
    BatchDetail, BatchList, BatchStatus, CancelResponse, ErrorResponse, RetryResponse,
    SubmitResponse,
};

use super::{ApiError, Connection, ServiceLocation, check_health, endpoint_url, error_for_status};

/// The service's base URL, or `NotConfigured`.
fn base_of(connection: &Connection) -> Result<&str, ApiError> {
    match &connection.service {
        ServiceLocation::At(base) => Ok(base),
        ServiceLocation::NotConfigured => Err(ApiError::NotConfigured),
    }
}

fn with_key(builder: RequestBuilder, connection: &Connection) -> RequestBuilder {
    if connection.api_key.is_empty() {
        builder
    } else {
        builder.header("x-api-key", &connection.api_key)
    }
}

/// Reads a JSON answer, turning error answers into an `ApiError`.
async fn read<T: DeserializeOwned>(base: &str, response: Response) -> Result<T, ApiError> {
    let status = response.status();
    if (200..300).contains(&status) {
        return response.json::<T>().await.map_err(|_| ApiError::NotTrawl {
            base: base.to_owned(),
        });
    }
    let message = response
        .json::<ErrorResponse>()
        .await
        .ok()
        .map(|body| body.message);
    Err(error_for_status(base, status, message))
}

async fn send<T: DeserializeOwned>(
    connection: &Connection,
    request: Result<Request, gloo_net::Error>,
) -> Result<T, ApiError> {
    let base = base_of(connection)?;
    let unreachable = || ApiError::Unreachable {
        base: base.to_owned(),
    };
    let response = request
        .map_err(|_| unreachable())?
        .send()
        .await
        .map_err(|_| unreachable())?;
    read(base, response).await
}

/// `POST /api/batch/scrape`: stores and queues one batch (1–50 URLs). Takes Spidra's
/// `SubmitRequest` or Trawl's `TrawlSubmitRequest` (the same body plus `renderJs`).
pub async fn submit_batch(
    connection: &Connection,
    request: &impl serde::Serialize,
) -> Result<SubmitResponse, ApiError> {
    let url = endpoint_url(base_of(connection)?, "/api/batch/scrape");
    send(
        connection,
        with_key(Request::post(&url), connection).json(request),
    )
    .await
}

/// `GET /api/batch/scrape/{id}`: the batch with every item.
pub async fn get_batch(connection: &Connection, id: &str) -> Result<BatchDetail, ApiError> {
    let url = endpoint_url(base_of(connection)?, &format!("/api/batch/scrape/{id}"));
    send(connection, with_key(Request::get(&url), connection).build()).await
}

/// `GET /api/batch/scrape?page&limit[&status]`: one page of the history, newest first. With a
/// status, the service counts and pages only the batches that have it.
pub async fn list_batches(
    connection: &Connection,
    page: u32,
    limit: u32,
    status: Option<BatchStatus>,
) -> Result<BatchList, ApiError> {
    let url = endpoint_url(base_of(connection)?, &history_path(page, limit, status));
    send(connection, with_key(Request::get(&url), connection).build()).await
}

/// The path and query of one history page.
pub fn history_path(page: u32, limit: u32, status: Option<BatchStatus>) -> String {
    let mut path = format!("/api/batch/scrape?page={page}&limit={limit}");
    if let Some(status) = status {
        path.push_str("&status=");
        path.push_str(status.as_str());
    }
    path
}

/// `POST /api/batch/scrape/{id}/retry`: queues the failed items again.
pub async fn retry_batch(connection: &Connection, id: &str) -> Result<RetryResponse, ApiError> {
    let url = endpoint_url(
        base_of(connection)?,
        &format!("/api/batch/scrape/{id}/retry"),
    );
    send(
        connection,
        with_key(Request::post(&url), connection).build(),
    )
    .await
}

/// `DELETE /api/batch/scrape/{id}`: cancels the items that have not started.
pub async fn cancel_batch(connection: &Connection, id: &str) -> Result<CancelResponse, ApiError> {
    let url = endpoint_url(base_of(connection)?, &format!("/api/batch/scrape/{id}"));
    send(
        connection,
        with_key(Request::delete(&url), connection).build(),
    )
    .await
}

/// The Settings check: is the service up, and does it accept the key? Lists one batch to
/// prove the key works.
pub async fn test_connection(connection: &Connection) -> Result<(), ApiError> {
    check_health(&connection.service).await?;
    if connection.api_key.is_empty() {
        return Err(ApiError::MissingKey);
    }
    list_batches(connection, 1, 1, None).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_asks_the_service_for_one_status_only_when_filtered() {
        assert_eq!(
            history_path(2, 20, None),
            "/api/batch/scrape?page=2&limit=20"
        );
        assert_eq!(
            history_path(1, 10, Some(BatchStatus::Failed)),
            "/api/batch/scrape?page=1&limit=10&status=failed"
        );
    }
}
