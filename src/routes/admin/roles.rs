//! Operators' table of what each client role (admin, finance, user) may do in a tenant: read it
//! whole or one role at a time, and replace one role's permissions (from the known list only,
//! audited; applied on each user's next request). The rules are `admin::roles`'.

use actix_web::{web, HttpRequest, HttpResponse};
use portal_actors::admin::roles::{self, RolePermissionsError};
use portal_actors::audit::Record;
use portal_actors::model::PortalRole;
use serde::Deserialize;

use super::find_tenant;
use crate::app::AppState;
use crate::errors::ApiError;
use crate::http::extract::request_origin;

/// `PUT …/roles/{role}`: the role's whole new set of permissions.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionsBody {
    permissions: Vec<String>,
}

impl From<RolePermissionsError> for ApiError {
    fn from(e: RolePermissionsError) -> Self {
        match e {
            RolePermissionsError::UnknownPermission(_) => {
                ApiError::invalid_field("permissions", e.to_string())
            }
            RolePermissionsError::LastUserManager => {
                ApiError::conflict("last_user_manager").with_message(e.to_string())
            }
            RolePermissionsError::NoSuchRole(_) => {
                ApiError::not_found("unknown_role").with_field("role")
            }
            RolePermissionsError::Db(e) => ApiError::unavailable(e),
        }
    }
}

/// The role named in the path (`admin`, `finance`, `user`): else `404 unknown_role`.
fn role_of(raw: &str) -> Result<PortalRole, ApiError> {
    PortalRole::parse(raw).ok_or_else(|| {
        ApiError::not_found("unknown_role")
            .with_field("role")
            .with_message("the roles are admin, finance and user")
    })
}

/// `GET /admin/tenants/{tenant}/roles`: `{"admin": […], "finance": […], "user": […]}`.
#[tracing::instrument(skip_all, fields(tenant = %path))]
pub async fn list_roles(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let tenant = find_tenant(&state, &path).await?;
    let table = roles::role_table(&state.services.db, tenant.id).await?;
    Ok(HttpResponse::Ok().json(table))
}

/// `GET /admin/tenants/{tenant}/roles/{role}`: `{"role", "permissions"}`.
#[tracing::instrument(skip_all, fields(tenant = %path.0, role = %path.1))]
pub async fn show_role(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (tenant, role) = path.into_inner();
    let role = role_of(&role)?;
    let tenant = find_tenant(&state, &tenant).await?;
    let held = roles::role_permissions(&state.services.db, tenant.id, role).await?;
    Ok(HttpResponse::Ok().json(held))
}

/// `PUT /admin/tenants/{tenant}/roles/{role}` `{"permissions": ["ticket:read", …]}`: replaces
/// the role's permissions; an unknown one is `400 invalid_field` (`permissions`, named in the
/// message), taking user management from Admin `409 last_user_manager`; nothing changes then.
#[tracing::instrument(skip_all, fields(tenant = %path.0, role = %path.1))]
pub async fn put_role(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<PermissionsBody>,
) -> Result<HttpResponse, ApiError> {
    let (tenant, role) = path.into_inner();
    let role = role_of(&role)?;
    let tenant = find_tenant(&state, &tenant).await?;
    let origin = request_origin(&req);
    let changed = roles::set_role_permissions(
        &state.services.db,
        tenant.id,
        role,
        &body.permissions,
        &origin,
    )
    .await?;
    state.services.audit.do_send(Record(changed.record));
    Ok(HttpResponse::Ok().json(changed.value))
}
