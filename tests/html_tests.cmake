# The HTML renderer tests (issue 14), a test executable of their own.
add_executable(jixiao_html_tests
  main_test.cpp
  html_escape_test.cpp
  html_score_test.cpp
  html_batch_test.cpp
  html_history_test.cpp)
target_link_libraries(jixiao_html_tests PRIVATE jixiao_html Catch2::Catch2)
target_compile_definitions(jixiao_html_tests PRIVATE JIXIAO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
catch_discover_tests(jixiao_html_tests TEST_PREFIX "html: ")
