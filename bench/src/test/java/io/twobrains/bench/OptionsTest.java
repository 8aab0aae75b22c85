package io.twobrains.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void anyFlagIsReadableByScenariosWhileKnownFlagsKeepWorking() {
        Options options = Options.parse(new String[] {"chat-load", "--users", "7", "--duration", "15s",
                "--ramp", "2m", "--sessions", "1_000", "--mode", "burst"});

        assertThat(options.users()).isEqualTo(7);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.durationFlag("ramp", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.intFlag("sessions", 0)).isEqualTo(1000);
        assertThat(options.flag("mode", "steady")).isEqualTo("burst");
        assertThat(options.flag("absent", "fallback")).isEqualTo("fallback");
        assertThat(options.intFlag("absent", 3)).isEqualTo(3);
    }

    @Test
    void theWriteScenarioDefaultsToAThousandUsersAndOthersToAHundred() {
        assertThat(Options.parse(new String[] {"write"}).users()).isEqualTo(1000);
        assertThat(Options.parse(new String[] {"read"}).users()).isEqualTo(100);
        assertThat(Options.parse(new String[] {"write", "--users", "50"}).users()).isEqualTo(50);
    }

    @Test
    void theWarmUpIsAutomaticUnlessADurationIsGiven() {
        Options automatic = Options.parse(new String[] {"write"});
        assertThat(automatic.autoWarmup()).isTrue();
        assertThat(automatic.warmup()).isEqualTo(Options.LONGEST_WARMUP);
        assertThat(Options.parse(new String[] {"write", "--warmup", "auto"}).autoWarmup()).isTrue();

        Options fixed = Options.parse(new String[] {"write", "--warmup", "90s"});
        assertThat(fixed.autoWarmup()).isFalse();
        assertThat(fixed.warmup()).isEqualTo(Duration.ofSeconds(90));
        assertThat(Options.parse(new String[] {"write", "--warmup", "0s"}).warmup()).isZero();
    }

    @Test
    void quickGivesShortDefaultsThatFlagsStillOverride() {
        Options quick = Options.parse(new String[] {"write", "--quick"});
        Options full = Options.parse(new String[] {"write"});

        assertThat(quick.quick()).isTrue();
        assertThat(quick.autoWarmup()).isFalse();
        assertThat(quick.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(quick.step()).isEqualTo(Duration.ofSeconds(2));
        assertThat(quick.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(quick.bisections()).isEqualTo(1);
        assertThat(quick.users()).isEqualTo(100);
        assertThat(quick.bareLines()).isFalse();
        assertThat(full.step()).isEqualTo(Duration.ofSeconds(5));
        assertThat(full.bisections()).isEqualTo(3);
        assertThat(full.bareLines()).isTrue();
        Options quickButLonger = Options.parse(new String[] {"write", "--quick", "--duration", "20s", "--warmup", "auto"});
        assertThat(quickButLonger.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(quickButLonger.autoWarmup()).isTrue();
    }

    @Test
    void theOpenLoopIsTheDefaultAndTheClosedLoopIsAskedFor() {
        assertThat(Options.parse(new String[] {"write"}).closedLoop()).isFalse();
        assertThat(Options.parse(new String[] {"write", "--loop", "closed"}).closedLoop()).isTrue();
    }

    @Test
    void aFlagWithoutAValueIsRefused() {
        assertThatThrownBy(() -> Options.parse(new String[] {"write", "--users"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
