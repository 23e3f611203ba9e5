//! API keys: random secrets shown once, stored only as SHA-256 hashes.

use sha2::{Digest, Sha256};

/// Every key starts with this, so a leaked key is easy to recognise in logs and scanners.
pub const KEY_PREFIX: &str = "trawl_";

/// A new random key: `trawl_` followed by 40 hex characters (160 bits).
pub fn generate_key() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes)?;
    Ok(format!("{KEY_PREFIX}{}", hex::encode(bytes)))
}

/// What the database stores instead of the key.
pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.trim().as_bytes()))
}

/// The start of a key, safe to show in listings ("trawl_1a2b…").
pub fn key_hint(key: &str) -> String {
    let visible: String = key.chars().take(KEY_PREFIX.len() + 4).collect();
    format!("{visible}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_are_distinct_and_prefixed() {
        let a = generate_key().unwrap();
        let b = generate_key().unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("trawl_"));
        assert_eq!(a.len(), 46);
    }

    #[test]
    fn hash_is_stable_and_hides_the_key() {
        let key = "trawl_abc";
        assert_eq!(hash_key(key), hash_key(key));
        assert!(!hash_key(key).contains("abc"));
        assert_eq!(key_hint("trawl_1a2b3c4d"), "trawl_1a2b…");
    }
}
