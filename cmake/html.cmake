# The pages of `jixiao serve` (issue 14): the HTML renderers and the page
# assets embedded in the binary (cmake/embed_assets.cmake).
file(GLOB JIXIAO_WEB_ASSETS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/assets/*)
set(JIXIAO_ASSETS_CPP ${CMAKE_BINARY_DIR}/generated/web_assets.cpp)
add_custom_command(
  OUTPUT ${JIXIAO_ASSETS_CPP}
  COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${JIXIAO_ASSETS_CPP}" "-DASSETS_DIR=${CMAKE_SOURCE_DIR}/web/assets"
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_assets.cmake
  DEPENDS ${JIXIAO_WEB_ASSETS} ${CMAKE_SOURCE_DIR}/cmake/embed_assets.cmake
  COMMENT "Embedding the page assets (web/assets)"
  VERBATIM)

add_library(jixiao_html STATIC
  reports/html_batch.cpp
  reports/html_charts.cpp
  reports/html_document.cpp
  reports/html_history.cpp
  reports/html_score.cpp
  reports/html_templates.cpp
  ${JIXIAO_ASSETS_CPP})
target_link_libraries(jixiao_html PUBLIC jixiao_load jixiao_reports jixiao_store)
# The server's pages are these renderers (web/pages.cpp adapts the
# application layer's results to them).
target_link_libraries(jixiao_web PUBLIC jixiao_html)
