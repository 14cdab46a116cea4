# The Debian package (issue 17): `make package` runs CPack's DEB generator on the
# Release build and writes orgsim_<version>_amd64.deb into the build folder. It holds
# the binary, a man page made from --help by help2man, the example scenarios, the
# docs and (when built) the WebAssembly engine for `orgsim export -o x.html`. Runtime
# dependencies come from dpkg-shlibdeps (CPACK_DEBIAN_PACKAGE_SHLIBDEPS) reading the
# binary's NEEDED libraries, plus libgvc6 named outright: it also ships the
# Graphviz plugins (dot layout, cairo/pango renderers, config6a) that the in-process
# renderer loads at run time, which no NEEDED entry shows. tests/package/ checks it.
# Only the `orgsim` install component goes in (not the Python module's files).

set(ORGSIM_DOC_DIR share/doc/orgsim)

# The man page, from `orgsim --help` and `orgsim --version`.
find_program(ORGSIM_HELP2MAN help2man)
if(ORGSIM_HELP2MAN)
  set(man ${CMAKE_BINARY_DIR}/man/orgsim.1)
  add_custom_command(OUTPUT ${man}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND ${ORGSIM_HELP2MAN} --no-info --no-discard-stderr
            "--name=simulate how a failure inside an organization reaches its customers"
            --include=${PROJECT_SOURCE_DIR}/cmake/orgsim.h2m
            --output=${man} $<TARGET_FILE:orgsim>
    COMMAND gzip -9nf ${man}
    DEPENDS orgsim ${PROJECT_SOURCE_DIR}/cmake/orgsim.h2m
    COMMENT "help2man: the orgsim(1) man page")
  add_custom_target(orgsim_man ALL DEPENDS ${man}.gz)
  install(FILES ${man}.gz DESTINATION share/man/man1 COMPONENT orgsim)
else()
  message(WARNING "help2man not found: no man page, and `make package` would lack it "
                  "(scripts/setup.sh installs help2man)")
endif()

install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${ORGSIM_DOC_DIR}/examples
        COMPONENT orgsim)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${ORGSIM_DOC_DIR} COMPONENT orgsim)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${ORGSIM_DOC_DIR}/docs
        COMPONENT orgsim
        PATTERN "notebooks" EXCLUDE)  # the research notebook needs the Python module

# The engine in WebAssembly, when `make export-assets` built it before the package (the
# Makefile's `package` target does): `orgsim export -o x.html` finds it beside the
# binary, as ../share/orgsim/orgsim_engine.js. OPTIONAL: a package built where emscripten
# is not installed lacks it, and the installed export then asks for --engine.
set(ORGSIM_WASM_ENGINE ${PROJECT_SOURCE_DIR}/build-em/orgsim_engine.js CACHE FILEPATH
    "The WebAssembly engine the wasm.engine test runs (make export-assets builds it)")
install(FILES ${ORGSIM_WASM_ENGINE} DESTINATION share/orgsim COMPONENT orgsim OPTIONAL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME orgsim)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "orgsim maintainers <orgsim@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "simulate how a failure inside an organization reaches its customers")
set(CPACK_PACKAGE_DESCRIPTION
    "orgsim reads an organization as a weighted dependency graph of roles (YAML or CSV),\
 injects failures and structural what-ifs, and reports how the customer experience (CX)\
 moves over time, the impact paths, and pictures drawn in process with Graphviz. It also\
 serves a what-if page for workshops.")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # orgsim_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libgvc6")
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};orgsim;orgsim;/")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
include(CPack)
