#!/usr/bin/env bash
# Installs every Debian 12 package that lockstep's build, tests and GUI tests need.
# Idempotent: when everything is present it does nothing and exits in about a second.
# Run as root on a fresh Debian 12 machine (CI does exactly that).
set -euo pipefail

packages=(
	g++ cmake ninja-build make pkg-config ccache git clang-format
	libboost-graph-dev libfmt-dev libcli11-dev libyaml-cpp-dev catch2
	libimgui-dev libstb-dev libglfw3-dev libgl-dev libgl1-mesa-dri libegl1
	xvfb xauth
)

missing=()
for package in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "setup: error: need root to install packages (run: sudo $0)" >&2
	exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt_get=(apt-get -o DPkg::Lock::Timeout=600 -q -y)
"${apt_get[@]}" update
"${apt_get[@]}" install --no-install-recommends "${missing[@]}"
