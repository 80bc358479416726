//! Colleagues: an administrator adds one, or changes a title and roles.
//! Each change is a commit to `staff.toml` by the administrator, with its
//! comments kept; the guard refuses such a commit from anyone else.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::Desk;
use super::common::commit_as;
use crate::core::terminal::clean_line;
use crate::error::Result;
use crate::messages::accounts as says;
use crate::repo::STAFF_FILE;
use crate::repo::commit::Change;
use crate::repo::history::TRAILER_OP;
use crate::repo::load;

/// The longest name the masthead and the forms have room for.
const MAX_NAME: usize = 20;

pub enum StaffSaved {
    Added,
    Changed,
    Unchanged,
}

/// Adds `name` with `title` and `roles`, or gives an existing colleague
/// that title and those roles.
pub fn set_person(
    desk: &Desk,
    name: &str,
    title: Option<&str>,
    roles: &[String],
) -> Result<StaffSaved> {
    let mag = desk.mag;
    let wf = mag.staff.workflow();
    if !wf.is_administrator(desk.actor) {
        return Err(says::not_an_administrator_error(&wf.administrators));
    }
    let name = clean_line(name);
    if name.is_empty() || name.chars().count() > MAX_NAME || name.contains([' ', '　']) {
        return Err(says::bad_name(&name));
    }
    let title = title.map(clean_line).filter(|t| !t.is_empty());
    let mut kept: Vec<String> = Vec::new();
    for role in roles.iter().map(|r| clean_line(r)) {
        if !role.is_empty() && !kept.contains(&role) {
            kept.push(role);
        }
    }
    let roles = kept;
    if roles.is_empty() {
        return Err(says::no_roles(&name));
    }
    let existing = mag.staff.person(&name);
    if existing.is_some_and(|p| p.title == title && p.roles == roles) {
        return Ok(StaffSaved::Unchanged);
    }
    let mut doc: DocumentMut = mag
        .read_text(STAFF_FILE)?
        .parse()
        .map_err(|_| crate::messages::broken_front_plain(STAFF_FILE))?;
    if !doc.contains_key("staff") {
        doc["staff"] = Item::ArrayOfTables(ArrayOfTables::new());
    }
    let staff = doc["staff"]
        .as_array_of_tables_mut()
        .ok_or_else(|| crate::messages::broken_front_plain(STAFF_FILE))?;
    let role_list: Array = roles.iter().map(String::as_str).collect();
    let found = staff
        .iter_mut()
        .find(|t| t.get("name").and_then(Item::as_str) == Some(name.as_str()));
    let added = found.is_none();
    let entry = match found {
        Some(entry) => entry,
        None => {
            let mut fresh = Table::new();
            fresh["name"] = value(name.as_str());
            staff.push(fresh);
            staff.iter_mut().last().expect("just pushed")
        }
    };
    match &title {
        Some(t) => entry["title"] = value(t.as_str()),
        None => {
            entry.remove("title");
        }
    }
    entry["roles"] = value(role_list);
    let text = doc.to_string();
    // The same checks as any staff.toml: known roles, no name twice.
    let after = load::staff_from(&text)?;
    let still_administered = after
        .staff
        .iter()
        .any(|p| after.workflow().is_administrator(p));
    if !still_administered {
        return Err(says::last_administrator(&name));
    }
    let subject = match added {
        true => says::subject_added(&desk.actor.name, &name, &roles),
        false => says::subject_roles(&desk.actor.name, &name, &roles),
    };
    commit_as(
        mag,
        desk.actor,
        desk.now,
        &subject,
        &[(TRAILER_OP, "staff")],
        &[Change {
            rel: STAFF_FILE.to_string(),
            content: text.into_bytes(),
        }],
    )?;
    Ok(match added {
        true => StaffSaved::Added,
        false => StaffSaved::Changed,
    })
}
