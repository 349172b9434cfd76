//! A real DNS server on loopback for the tests: answers CNAME queries from a zone the test
//! controls (matching, mismatching, chained, missing), NXDOMAIN for unknown names. `silent()`
//! gives a server that never answers.

use std::collections::HashMap;
use std::net::{SocketAddr, UdpSocket};
use std::sync::{Arc, Mutex};

use hickory_proto::op::{Message, MessageType, OpCode, ResponseCode};
use hickory_proto::rr::rdata::CNAME;
use hickory_proto::rr::{Name, RData, Record, RecordType};

pub struct DnsServer {
    pub addr: SocketAddr,
    zone: Arc<Mutex<HashMap<String, String>>>,
    queries: Arc<Mutex<u64>>,
}

fn key(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

impl DnsServer {
    pub fn start() -> DnsServer {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        let addr = socket.local_addr().unwrap();
        let zone: Arc<Mutex<HashMap<String, String>>> = Arc::default();
        let queries: Arc<Mutex<u64>> = Arc::default();
        let (z, q) = (zone.clone(), queries.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 1500];
            while let Ok((n, peer)) = socket.recv_from(&mut buf) {
                let Ok(request) = Message::from_vec(&buf[..n]) else {
                    continue;
                };
                *q.lock().unwrap() += 1;
                let mut response = Message::new();
                response
                    .set_id(request.id())
                    .set_message_type(MessageType::Response)
                    .set_op_code(OpCode::Query)
                    .set_recursion_desired(request.recursion_desired())
                    .set_recursion_available(true)
                    .set_authoritative(true);
                response.add_queries(request.queries().to_vec());
                let zone = z.lock().unwrap().clone();
                let mut known = false;
                for query in request.queries() {
                    let name = key(&query.name().to_utf8());
                    if let Some(target) = zone.get(&name) {
                        known = true;
                        if query.query_type() == RecordType::CNAME {
                            let target = Name::from_utf8(format!("{target}.")).unwrap();
                            response.add_answer(Record::from_rdata(
                                query.name().clone(),
                                60,
                                RData::CNAME(CNAME(target)),
                            ));
                        }
                    }
                }
                if !known {
                    response.set_response_code(ResponseCode::NXDomain);
                }
                if let Ok(bytes) = response.to_vec() {
                    let _ = socket.send_to(&bytes, peer);
                }
            }
        });
        DnsServer {
            addr,
            zone,
            queries,
        }
    }

    /// A server that receives and never answers (the socket stays open, unread).
    pub fn silent() -> (SocketAddr, UdpSocket) {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        (socket.local_addr().unwrap(), socket)
    }

    pub fn set_cname(&self, name: &str, target: &str) {
        self.zone.lock().unwrap().insert(key(name), key(target));
    }

    pub fn queries(&self) -> u64 {
        *self.queries.lock().unwrap()
    }
}
