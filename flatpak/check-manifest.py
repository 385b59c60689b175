#!/usr/bin/env python3
# check-manifest.py — checks that the Flatpak manifest parses as JSON and
# builds the right application: the app id, the command, the GNOME runtime
# and a dagritme module built with meson from this source tree.
import json
import sys

path, app_id, command = sys.argv[1:4]
with open(path, encoding='utf-8') as f:
    manifest = json.load(f)

errors = []
def expect(what, got, want):
    if got != want:
        errors.append(f'{path}: {what} is {got!r}, expected {want!r}')

expect('id', manifest.get('id'), app_id)
expect('command', manifest.get('command'), command)
expect('runtime', manifest.get('runtime'), 'org.gnome.Platform')
expect('sdk', manifest.get('sdk'), 'org.gnome.Sdk')
modules = {m.get('name'): m for m in manifest.get('modules', []) if isinstance(m, dict)}
app = modules.get('dagritme')
if app is None:
    errors.append(f'{path}: no module named dagritme')
else:
    expect('modules[dagritme].buildsystem', app.get('buildsystem'), 'meson')
for name, module in modules.items():
    for source in module.get('sources', []):
        if source.get('type') == 'archive' and len(source.get('sha256', '')) != 64:
            errors.append(f'{path}: modules[{name}] archive has no sha256')

for e in errors:
    print(e, file=sys.stderr)
sys.exit(1 if errors else 0)
