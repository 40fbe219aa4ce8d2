# net-serve-line.sh: dom0 side of the net-client test: a TCP server on port 7777 (all
# addresses, IPv4 and IPv6) that answers one line; the guest finds dom0 by its DNS name.
python3 netclient.py serve-line 7777
