//! placeholder
use super::ExtractError;
pub(super) fn text(_bytes: &[u8]) -> Result<String, ExtractError> {
    Err(ExtractError::Encrypted)
}
