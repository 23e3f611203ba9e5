//! Optional extraction by a language model behind an OpenAI-compatible endpoint (OpenAI,
//! Ollama, llama.cpp server, vLLM). The model gets the prompt, the schema and the page's
//! markdown, and must answer JSON; an answer that is not JSON or does not match the schema is
//! discarded and the deterministic extractor's result is used instead, with a note.

use serde_json::{Value, json};
use std::time::Duration;

/// Pages are cut to this many characters before they go to the model.
const MAX_PAGE_CHARS: usize = 24_000;

#[derive(Clone)]
pub struct ModelSettings {
    /// e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`.
    pub base_url: String,
    pub model: String,
    /// Sent as a bearer token; never logged or stored.
    pub api_key: Option<String>,
}

impl std::fmt::Debug for ModelSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModelSettings")
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .field("api_key", &self.api_key.as_ref().map(|_| "<hidden>"))
            .finish()
    }
}

#[derive(Clone)]
pub struct Model {
    settings: ModelSettings,
    client: reqwest::Client,
}

impl Model {
    pub fn new(settings: ModelSettings, timeout: Duration) -> Result<Self, String> {
        // The model usually runs on this machine or the local network (Ollama, llama.cpp), so
        // this client deliberately does not use the scraping SSRF guard; its URL comes from
        // the server's admin, never from a request.
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .no_proxy()
            .build()
            .map_err(|e| format!("cannot build the model client: {e}"))?;
        Ok(Model { settings, client })
    }

    /// Asks the model for the page's data. `Err` says, in plain words, why its answer was not used.
    pub async fn extract(
        &self,
        prompt: Option<&str>,
        schema: Option<&Value>,
        markdown: &str,
    ) -> Result<Value, String> {
        let page: String = markdown.chars().take(MAX_PAGE_CHARS).collect();
        let request = chat_request(&self.settings.model, prompt, schema, &page);
        let url = format!(
            "{}/chat/completions",
            self.settings.base_url.trim_end_matches('/')
        );
        let mut call = self.client.post(&url).json(&request);
        if let Some(key) = &self.settings.api_key {
            call = call.bearer_auth(key);
        }
        let response = call
            .send()
            .await
            .map_err(|e| format!("the model could not be reached ({})", without_url(&e)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("the model answered {status}"));
        }
        let body: Value = response
            .json()
            .await
            .map_err(|_| "the model's answer was not JSON".to_string())?;
        let content = body["choices"][0]["message"]["content"]
            .as_str()
            .ok_or("the model's answer had no content")?;
        let data = parse_json_answer(content).ok_or("the model's answer was not a JSON object")?;
        if let Some(schema) = schema
            && !crate::schema_check::conforms(schema, &data)
        {
            return Err("the model's answer did not match the schema".to_string());
        }
        Ok(data)
    }
}

fn without_url(error: &reqwest::Error) -> String {
    let error = error.to_string();
    error.split(" for url").next().unwrap_or(&error).to_string()
}

/// The OpenAI chat-completions body.
pub fn chat_request(
    model: &str,
    prompt: Option<&str>,
    schema: Option<&Value>,
    page: &str,
) -> Value {
    let mut instructions = String::from(
        "You extract data from one web page. Answer with a single JSON object and nothing else. Use null for anything the page does not contain; never invent values.",
    );
    if let Some(schema) = schema {
        instructions.push_str("\nThe object must validate against this JSON Schema:\n");
        instructions.push_str(&schema.to_string());
    }
    let task = prompt.unwrap_or("Extract the main data of this page.");
    json!({
        "model": model,
        "temperature": 0,
        "response_format": {"type": "json_object"},
        "messages": [
            {"role": "system", "content": instructions},
            {"role": "user", "content": format!("{task}\n\nPage (markdown):\n{page}")}
        ]
    })
}

/// The JSON object in a model's answer, also when wrapped in a ```json fence or prose.
pub fn parse_json_answer(content: &str) -> Option<Value> {
    let trimmed = content.trim();
    if let Ok(value @ Value::Object(_)) = serde_json::from_str(trimmed) {
        return Some(value);
    }
    let start = trimmed.find('{')?;
    let end = trimmed.rfind('}')?;
    match serde_json::from_str(trimmed.get(start..=end)?) {
        Ok(value @ Value::Object(_)) => Some(value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_in_fences_or_prose_are_understood() {
        assert_eq!(
            parse_json_answer("```json\n{\"price\": 3}\n```"),
            Some(json!({"price": 3}))
        );
        assert_eq!(
            parse_json_answer("Here it is: {\"a\": 1}. Done."),
            Some(json!({"a": 1}))
        );
        assert_eq!(parse_json_answer("[1, 2]"), None);
        assert_eq!(parse_json_answer("no idea"), None);
    }

    #[test]
    fn the_request_carries_prompt_schema_and_page() {
        let schema = json!({"type": "object", "properties": {"price": {"type": "number"}}});
        let request = chat_request(
            "llama3",
            Some("Get the price"),
            Some(&schema),
            "# Widget\n€5",
        );
        assert_eq!(request["model"], "llama3");
        let system = request["messages"][0]["content"].as_str().unwrap();
        assert!(system.contains("\"price\""));
        let user = request["messages"][1]["content"].as_str().unwrap();
        assert!(user.starts_with("Get the price") && user.contains("# Widget"));
    }

    #[test]
    fn the_key_is_hidden_in_debug_output() {
        let settings = ModelSettings {
            base_url: "http://m".into(),
            model: "x".into(),
            api_key: Some("sk-secret".into()),
        };
        assert!(!format!("{settings:?}").contains("sk-secret"));
    }
}
