//! Errors cross into JS as `ErrorBody` (serde): `{code, message, detail}`.

use andu_core::Coded;
pub use andu_core::ErrorBody;

pub type CmdResult<T> = Result<T, ErrorBody>;

pub fn coded<E: Coded>(e: E) -> ErrorBody {
    e.to_body()
}
