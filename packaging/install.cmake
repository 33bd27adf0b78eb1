# Installation and the Debian package (CPack, DEB generator).
#
#   cmake --install build --prefix /usr/local     # or any prefix
#   (cd build && cpack -G DEB)                    # → build/jixiao_<version>_amd64.deb
#
# Layout (relative to the prefix; the package uses /usr):
#   bin/jixiao, bin/jixiao-web                        the web version's launcher (packaging/jixiao-web)
#   share/applications/jixiao-web.desktop
#   share/jixiao/{rules,templates,examples,layouts}   found by the binary as
#                                                     <exe>/../share/jixiao (cli/data_dir.h)
#   share/man/man1/jixiao.1.gz                        packaging/jixiao.1, in Chinese
#   share/bash-completion/completions/jixiao          packaging/jixiao.bash-completion
#   share/doc/jixiao/copyright

include(GNUInstallDirs)

install(TARGETS jixiao RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The double-click launcher of the web version (starts `jixiao serve`, opens the browser).
install(PROGRAMS packaging/jixiao-web DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES packaging/jixiao-web.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)

# Every data folder of indicators/ (layouts/ arrives with the review work;
# whatever folders exist are installed, so a new kind of data needs no edit).
file(GLOB _jixiao_data_dirs LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/indicators/*)
foreach(_dir ${_jixiao_data_dirs})
  if(IS_DIRECTORY ${_dir})
    install(DIRECTORY ${_dir} DESTINATION ${CMAKE_INSTALL_DATADIR}/jixiao)
  endif()
endforeach()
# A new folder under indicators/ must re-run the glob.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/indicators)

# Debian wants manual pages compressed, reproducibly (no name, no time stamp).
find_program(GZIP_EXECUTABLE gzip REQUIRED)
configure_file(packaging/jixiao.1 ${CMAKE_BINARY_DIR}/jixiao.1 @ONLY)  # the version
set(_man ${CMAKE_BINARY_DIR}/jixiao.1.gz)
add_custom_command(OUTPUT ${_man}
                   COMMAND ${GZIP_EXECUTABLE} -9 -n -c ${CMAKE_BINARY_DIR}/jixiao.1 > ${_man}
                   DEPENDS ${CMAKE_BINARY_DIR}/jixiao.1
                   COMMENT "Compressing the manual page")
add_custom_target(jixiao_manpage ALL DEPENDS ${_man})
install(FILES ${_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES packaging/jixiao.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME jixiao)
install(FILES packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jixiao)
set(CPACK_PACKAGE_VENDOR "jixiao")
set(CPACK_PACKAGE_CONTACT "jixiao maintainers <jixiao@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "预算绩效自评评分引擎（项目支出绩效自评表）")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # jixiao_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from dpkg-shlibdeps on the binary
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "bash-completion")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "budget performance self-evaluation scoring engine (预算绩效自评)\n\
 jixiao scores a funded project's or a department's performance indicator\n\
 tree (YAML) under the Ministry of Finance rules (财预〔2020〕10号) or a\n\
 provincial rule set, explains every score, flags what a reviewer must see,\n\
 and writes the official 项目支出绩效自评表 workbook. It also reviews filled\n\
 workbooks and summarises a finance bureau's whole year.")
# Strip the binary (the debug information stays in the build tree).
set(CPACK_STRIP_FILES ON)
include(CPack)
