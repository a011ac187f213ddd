//! The tables' text as the module reads it (`Service::register`, what an entry point hands
//! over): the generated text reads whole into the service its number names; anything else
//! (garbage, a truncated or extended text) is refused, never read in part.

use cleanroomsml_wasm::model::generated::{cleanrooms, cleanroomsml};
use cleanroomsml_wasm::model::Service;

const ML: &str = include_str!("../src/model/generated/cleanroomsml.tables");
const CLEAN_ROOMS: &str = include_str!("../src/model/generated/cleanrooms.tables");

#[test]
fn the_generated_tables_read_whole_into_their_service() {
    assert_eq!(Service::register(ML.to_owned()), Some(cleanroomsml::ID));
    assert_eq!(Service::register(CLEAN_ROOMS.to_owned()), Some(cleanrooms::ID));
    let service = Service::get(cleanrooms::ID);
    assert_eq!((service.name, service.signing_name, service.fips_prefix), ("cleanrooms", "cleanrooms", "cleanrooms-fips"));
    assert_eq!(service.operation("ListMemberships").map(|op| (op.method, op.uri())), Some(("GET", "/memberships")));
    assert_eq!(service.paginator("ListMemberships").map(|p| (p.input_token, p.limit_key)), Some(("nextToken", Some("maxResults"))));
    assert!(service.operation("CreateTrainedModel").is_none(), "Clean Rooms ML's operation is not Clean Rooms'");
    assert!(printable(ML) && printable(CLEAN_ROOMS), "the tables are a JavaScript string as they are");
}

fn printable(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

#[test]
fn anything_but_whole_tables_is_refused() {
    for text in ["", "~", "garbage", "0~", "Z~|", &ML[..ML.len() / 2], &ML[..ML.find('~').unwrap()], &format!("{ML}x"), &ML.replacen('~', "0~", 1)] {
        assert_eq!(Service::register(text.to_owned()), None, "{:?}", &text[..text.len().min(40)]);
    }
}
