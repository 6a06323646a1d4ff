package io.lockopt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.lockopt.advice.AdviceModel;
import io.lockopt.advice.Calibration;
import io.lockopt.advice.LockEvidence;
import io.lockopt.advice.ProfileEvidence;
import io.lockopt.advice.StaticFindings;
import io.lockopt.analyzer.engine.AnalysisInputException;

/**
 * The options analyze and profile share for advice ({@code --calibration}, {@code --profile},
 * {@code --source}), read once here so that bad input is one clear line and exit code 2 in both.
 */
public final class AdviceInputs {
    private AdviceInputs() {
    }

    /** The model with the user's calibration, or the bundled one when {@code file} is null. */
    public static AdviceModel model(Path file) {
        if (file == null) {
            return AdviceModel.bundled();
        }
        try {
            return new AdviceModel(Calibration.read(file));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--calibration: " + e.getMessage(), e);
        }
    }

    /** The findings on each lock in {@code source}; none when it is null. */
    public static StaticFindings findings(Path source) {
        if (source == null) {
            return StaticFindings.NONE;
        }
        if (!Files.exists(source)) {
            throw new UserInputException("--source: no such file or directory: " + source);
        }
        try {
            return StaticFindings.analyze(source);
        } catch (AnalysisInputException e) {
            throw new UserInputException("--source: " + e.getMessage(), e);
        }
    }

    /** The measured locks of the reports, merged by label. */
    static List<LockEvidence> profiles(List<Path> reports) {
        try {
            return ProfileEvidence.read(reports, Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--profile: " + e.getMessage(), e);
        }
    }
}
