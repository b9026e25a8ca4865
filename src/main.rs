use std::process::ExitCode;

fn main() -> ExitCode {
    match guize::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => {
            if guize::cli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            guize::cli::report_error(&err);
            ExitCode::from(guize::cli::EXIT_ERROR)
        }
    }
}
