#!/usr/bin/env bash
# Debian packages the test suite needs: LibreOffice renders exports to PDF, CJK fonts make the Chinese
# text measurable, poppler turns PDFs into pictures, pandoc is the export benchmark's reference, tmux
# drives the terminal app. Installs only what is missing; uses sudo when not root.
set -euo pipefail
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v pandoc >/dev/null || need+=(pandoc)
command -v tmux >/dev/null || need+=(tmux)
# drafter serve is tested in a real browser: headless Chromium driven by Selenium through chromedriver.
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
fc-list 2>/dev/null | grep -q "Noto Serif CJK" || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -qi "ukai" || need+=(fonts-arphic-ukai)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
