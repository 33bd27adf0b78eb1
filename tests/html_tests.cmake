# The HTML renderer tests (issue 14), a test executable of their own.
add_executable(jixiao_html_tests
  main_test.cpp
  html_escape_test.cpp
  html_score_test.cpp
  html_batch_test.cpp
  html_history_test.cpp)
# jixiao_app: the departments' means and the JSON the CLI prints (app/history.h),
# which the 历年 page's numbers are checked against.
target_link_libraries(jixiao_html_tests PRIVATE jixiao_html jixiao_app Catch2::Catch2)
target_compile_definitions(jixiao_html_tests PRIVATE JIXIAO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
catch_discover_tests(jixiao_html_tests TEST_PREFIX "html: ")

# A development aid (not a test): every page rendered from the examples into
# a folder, to look at in a browser without the server.
add_executable(jixiao_render_pages tools/render_pages.cpp)
target_link_libraries(jixiao_render_pages PRIVATE jixiao_html)
target_compile_definitions(jixiao_render_pages PRIVATE JIXIAO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")

# The pages in a real browser: headless Chromium driven by Selenium against
# `jixiao serve` (tests/browser/pages_test.py). Needs chromium,
# chromium-driver and python3-selenium (scripts/setup-tests.sh installs
# them): without them the test fails, it is never skipped. Screenshots go to
# build/browser-shots/.
add_test(NAME browser_pages
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/browser/pages_test.py $<TARGET_FILE:jixiao>
                 ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/browser-shots)
set_tests_properties(browser_pages PROPERTIES TIMEOUT 600)
