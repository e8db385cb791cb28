"""The one way Bench's oslo.messaging peers reach RabbitMQ (server, clients, load client, conductor client)."""
import oslo_messaging as om
from oslo_config import cfg


def add_arguments(parser, server_default=None):
    """The options every oslo peer here takes: where the broker is and the target (for a server: its endpoints')."""
    parser.add_argument("--url", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--server", default=server_default)
    parser.add_argument("--exchange", default="openstack")
    parser.add_argument("--namespace", help="a client's: sent in each request; a server's: its endpoints' (default: none)")
    parser.add_argument("--version", help="API version MAJOR.MINOR, sent or served (default: oslo's 1.0)")


def connect(url, exchange="openstack"):
    """An RPC transport for an amqp:// (or rabbit://) URL, with `exchange` as the control exchange."""
    # The global config: oslo.messaging registers its options (metrics among them) on cfg.CONF, not on a fresh ConfigOpts.
    conf = cfg.CONF
    conf([], project="bench-peer")
    om.set_transport_defaults(control_exchange=exchange)
    # oslo reads amqp:// as its AMQP 1.0 driver; RabbitMQ's 0-9-1 driver is rabbit://.
    url = "rabbit://" + url.split("://", 1)[1] if url.startswith(("amqp://", "amqps://")) else url
    return om.get_rpc_transport(conf, url=url)
