//! CAMEO codes and what they map to: PLOVER type, QuadClass, Goldstein score.

/// What a CAMEO code means.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoInfo {
    pub code: String,
    pub label: String,
    pub plover: String,
    pub quad_class: u8,
    pub goldstein: f32,
}

/// The entry for a CAMEO code, if it is one.
pub fn cameo_info(_code: &str) -> Option<CameoInfo> {
    None
}
