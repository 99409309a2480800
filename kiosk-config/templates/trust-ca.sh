
# 2. Trust the site CA for the kiosk user: Chromium on Linux reads $HOME/.pki/nssdb.
NSSDB="$KIOSK_HOME/.pki/nssdb"
install -d -m 0700 "$KIOSK_HOME/.pki" "$NSSDB"
if [ ! -f "$NSSDB/cert9.db" ]; then
  certutil -N -d "sql:$NSSDB" --empty-password
fi
# Replace a previous copy so that re-running the setup is harmless.
certutil -D -d "sql:$NSSDB" -n "{{caNickname}}" >/dev/null 2>&1 || true
certutil -A -d "sql:$NSSDB" -n "{{caNickname}}" -t "C,," -i "$HERE/site-ca.crt"
chown -R "$KIOSK_USER:$KIOSK_GROUP" "$KIOSK_HOME/.pki"
