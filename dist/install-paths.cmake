# Installs the desktop entries and the systemd unit with the binary's path
# for this prefix: a menu, an autostart session or systemd does not search a
# PATH that holds another prefix's bin/. The sources name `limber` (desktop)
# and /usr/local/bin/limber (unit: the default prefix). Run by
# `cmake --install` with LIMBER_SOURCE_DIR, LIMBER_BINARY_DIR, LIMBER_BINDIR
# and LIMBER_DATADIR set. file(INSTALL) adds DESTDIR and lists the files in
# install_manifest.txt like every other installed file.
set(prefix "${CMAKE_INSTALL_PREFIX}")
if(prefix MATCHES "/_CPack_Packages/")
  # A tarball can be unpacked anywhere; its entries keep the names of the
  # default prefix, right when it is unpacked into /usr/local.
  set(prefix /usr/local)
endif()
set(bin "${prefix}/${LIMBER_BINDIR}/limber")
if(IS_ABSOLUTE "${LIMBER_BINDIR}")
  set(bin "${LIMBER_BINDIR}/limber")
endif()
set(datadir "${CMAKE_INSTALL_PREFIX}/${LIMBER_DATADIR}")
if(IS_ABSOLUTE "${LIMBER_DATADIR}")
  set(datadir "${LIMBER_DATADIR}")
endif()
set(staging "${LIMBER_BINARY_DIR}/dist-installed")

foreach(entry "limber.desktop;applications"
              "limber-kiosk.desktop;limber/dist"
              "limber.service;limber/dist")
  list(GET entry 0 name)
  list(GET entry 1 dir)
  file(READ "${LIMBER_SOURCE_DIR}/dist/${name}" text)
  string(REGEX REPLACE "(^|\n)Exec=limber( |\n)" "\\1Exec=${bin}\\2" text "${text}")
  string(REPLACE "ExecStart=/usr/local/bin/limber " "ExecStart=${bin} " text "${text}")
  file(WRITE "${staging}/${name}" "${text}")
  file(INSTALL "${staging}/${name}" DESTINATION "${datadir}/${dir}")
endforeach()
