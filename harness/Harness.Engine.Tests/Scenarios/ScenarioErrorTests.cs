using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

public sealed class ScenarioErrorTests
{
    [Test]
    public void Unknown_key_points_at_the_key_and_suggests_the_closest_one()
    {
        var error = ScenarioText.Error("""
            name: smoke
            description: a typo on line 5
            topics:
              - name: orders
                partitons: 6
                rate: 100
                records: 10
            """);

        error.Should().Be(
            "test.yaml:5:5: unknown key 'partitons' in topics[0] (did you mean 'partitions'?); "
            + "expected one of name, partitions, rate, records, duration, size, keys, volume, headers, compression, stamp, producers, producer, configs, tombstones");
    }

    [Test]
    public void Unknown_key_far_from_every_known_key_gets_no_suggestion()
    {
        var error = ScenarioText.Error($"""
            name: x
            colour: blue
            {ScenarioText.MinimalTopics}
            """);

        error.Should().StartWith("test.yaml:2:1: unknown key 'colour' in the scenario; expected one of name, description, seed,");
    }

    [Test]
    public void Misspelt_top_level_key_is_reported_once_not_also_as_missing()
    {
        var error = ScenarioText.Error("""
            name: x
            topic:
              - {name: orders, partitions: 1, rate: 1, records: 1}
            """);

        error.Should().StartWith("test.yaml:2:1: unknown key 'topic' in the scenario (did you mean 'topics'?); expected one of");
    }

    [Test]
    public void Wrong_type_points_at_the_value()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: six
                rate: 100
                records: 10
            """);

        error.Should().Be("test.yaml:4:17: topics[0].partitions is 'six', not an integer; expected an integer from 1 to 10000");
    }

    [Test]
    public void A_list_where_a_number_belongs_is_named_as_a_list()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: [6]
                rate: 100
                records: 10
            """);

        error.Should().Be("test.yaml:4:17: topics[0].partitions is a list; expected an integer from 1 to 10000");
    }

    [Test]
    public void Missing_required_field_points_at_its_mapping()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                rate: 100
                records: 10
            """);

        error.Should().Be("test.yaml:3:5: missing required key 'partitions' in topics[0]; expected an integer from 1 to 10000");
    }

    [Test]
    public void Missing_name_is_reported_at_the_top()
    {
        var error = ScenarioText.Error(ScenarioText.MinimalTopics);

        error.Should().Be("test.yaml:1:1: missing required key 'name' in the scenario; expected a one-line scenario name");
    }

    [Test]
    public void Empty_required_value_points_at_the_value()
    {
        var error = ScenarioText.Error($"""
            name:
            {ScenarioText.MinimalTopics}
            """);

        error.Should().Be("test.yaml:1:6: name is empty; expected a one-line scenario name");
    }

    [Test]
    public void Out_of_range_value_says_so()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 0
                rate: 100
                records: 10
            """);

        error.Should().Be("test.yaml:4:17: topics[0].partitions is '0', out of range; expected an integer from 1 to 10000");
    }

    [Test]
    public void Duplicate_topic_names_point_at_the_second_name()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - {name: orders, partitions: 1, rate: 1, records: 1}
              - {name: orders, partitions: 2, rate: 1, records: 1}
            """);

        error.Should().Be("test.yaml:4:12: duplicate topic name 'orders' in topics[1] (first declared in topics[0]); expected unique topic names");
    }

    [Test]
    public void Consumer_of_an_unknown_topic_points_at_the_name_and_suggests_one()
    {
        var error = ScenarioText.Error($"""
            name: x
            {ScenarioText.MinimalTopics}
            consumers:
              - group: billing
                topics: [orders, order]
            """);

        error.Should().Be("test.yaml:9:22: consumers[0].topics[1] refers to unknown topic 'order' (did you mean 'orders'?); expected one of orders");
    }

    [Test]
    public void Command_replicator_without_run_points_at_the_kind()
    {
        var error = ScenarioText.Error($"""
            name: x
            {ScenarioText.MinimalTopics}
            replicator:
              kind: command
            """);

        error.Should().Be("test.yaml:8:9: replicator kind 'command' needs 'run'; expected run: a shell command that starts the replicator");
    }

    [Test]
    public void Run_without_command_kind_is_refused()
    {
        var error = ScenarioText.Error($"""
            name: x
            {ScenarioText.MinimalTopics}
            replicator:
              policy: identity
              run: ./mm2.sh
            """);

        error.Should().Be("test.yaml:9:3: replicator.run applies only to kind command, not builtin; expected kind: command with run, or remove run");
    }

    [Test]
    public void Unknown_enumerated_value_lists_the_choices_and_suggests_one()
    {
        var error = ScenarioText.Error($"""
            name: x
            {ScenarioText.MinimalTopics}
            replicator:
              policy: identiy
            """);

        error.Should().Be("test.yaml:8:11: replicator.policy is 'identiy' (did you mean 'identity'?); expected one of identity, default");
    }

    [Test]
    public void Unknown_stamp_placement_suggests_the_closest_one()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: 10
                records: 10
                stamp: headers
            """);

        error.Should().Be("test.yaml:7:12: topics[0].stamp is 'headers' (did you mean 'header'?); expected one of value, header");
    }

    [Test]
    public void Unknown_rate_shape_suggests_the_closest_shape()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: {shape: rmap, from: 1, to: 10, over: 5s}
                records: 10
            """);

        error.Should().Be("test.yaml:5:19: topics[0].rate.shape is 'rmap' (did you mean 'ramp'?); expected one of constant, ramp, steps, spike, burst, sine, diurnal, replay");
    }

    [Test]
    public void Key_unknown_to_the_chosen_shape_is_refused_and_the_real_key_is_missing()
    {
        var errors = ScenarioText.Errors("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: {shape: ramp, from: 1, to: 10, during: 5s}
                records: 10
            """);

        errors.Should().Equal(
            "test.yaml:5:11: missing required key 'over' in topics[0].rate; expected a positive duration such as 500ms, 30s, 5m or 1h (a plain number means seconds)",
            "test.yaml:5:42: unknown key 'during' in topics[0].rate; expected one of shape, from, to, over");
    }

    [Test]
    public void Rate_object_without_a_shape_suggests_the_misspelt_key()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: {shpae: ramp, from: 1, to: 10, over: 5s}
                records: 10
            """);

        error.Should().StartWith("test.yaml:5:11: topics[0].rate is a mapping without 'shape' or an NBomber phase key (did you mean 'shape'?); expected a positive number");
    }

    [Test]
    public void KeepConstant_inside_a_phase_list_is_refused()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: [{inject: 10, during: 5s}, {keepConstant: 4, during: 5s}]
            """);

        error.Should().StartWith("test.yaml:5:39: topics[0].rate[1] is a keepConstant phase inside a list; expected open-model phases only");
    }

    [Test]
    public void Sine_amplitude_above_the_mean_is_refused()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: {shape: sine, mean: 100, amplitude: 150, period: 1m}
                records: 10
            """);

        error.Should().Be("test.yaml:5:47: topics[0].rate.amplitude 150 exceeds the mean 100, so the rate would go negative; expected an amplitude from 0 to 100");
    }

    [Test]
    public void Topic_without_an_end_is_refused()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: 100
            """);

        error.Should().StartWith("test.yaml:3:5: topics[0] has no end: its rate goes on for ever; expected records: N or duration: 30s");
    }

    [Test]
    public void Records_and_duration_together_are_refused()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: 100
                records: 10
                duration: 30s
            """);

        error.Should().StartWith("test.yaml:7:5: topics[0] gives both records and duration; expected one of records or duration");
    }

    [Test]
    public void Rate_that_falls_to_zero_before_the_count_is_refused()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: {shape: steps, steps: [{rate: 10, for: 1s}, {rate: 0, for: 1s}]}
                records: 100
            """);

        error.Should().Be("test.yaml:5:11: topics[0].rate falls to zero before 100 records are sent; expected a rate that stays positive, or fewer records");
    }

    [Test]
    public void Bad_duration_names_the_accepted_forms()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: 100
                duration: 30 seconds
            """);

        error.Should().Be("test.yaml:6:15: topics[0].duration is '30 seconds', not a duration; expected a positive duration such as 500ms, 30s, 5m or 1h (a plain number means seconds)");
    }

    [Test]
    public void Size_bounds_in_the_wrong_order_point_at_max()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: 100
                records: 10
                size: {dist: uniform, min: 1KiB, max: 100}
            """);

        error.Should().Be("test.yaml:7:43: topics[0].size has min 1024 above max 100; expected min at or below max");
    }

    [Test]
    public void Idempotence_without_acks_all_is_refused()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: 1
                rate: 100
                records: 10
                producer: {acks: 1, idempotence: true}
            """);

        error.Should().Be("test.yaml:7:38: topics[0].producer.idempotence is true but acks is not all; expected idempotence: false, or acks: all (idempotence requires it)");
    }

    [Test]
    public void External_cluster_needs_bootstrap()
    {
        var error = ScenarioText.Error($"""
            name: x
            clusters:
              source: {"{"}kind: external{"}"}
            {ScenarioText.MinimalTopics}
            """);

        error.Should().StartWith("test.yaml:3:11: missing required key 'bootstrap' in clusters.source; expected bootstrap servers as host:port");
    }

    [Test]
    public void Fault_with_two_actions_points_at_the_second()
    {
        var error = ScenarioText.Error($"""
            name: x
            {ScenarioText.MinimalTopics}
            faults:
              - at: 10s
                killBroker: {"{"}side: source, broker: 1{"}"}
                killReplicator:
            """);

        error.Should().Be("test.yaml:10:5: faults[0] has both 'killBroker' and 'killReplicator'; expected exactly one action per fault; add another fault for the second");
    }

    [Test]
    public void Fault_with_a_misspelt_action_is_reported_once()
    {
        var error = ScenarioText.Error($"""
            name: x
            {ScenarioText.MinimalTopics}
            faults:
              - at: 10s
                kilBroker: 1
            """);

        error.Should().StartWith("test.yaml:9:5: unknown key 'kilBroker' in faults[0] (did you mean 'killBroker'?); expected at, for, recoverWithin and one action: killBroker,");
    }

    [Test]
    public void Fault_trigger_that_is_neither_time_nor_count_nor_step_is_refused()
    {
        var error = ScenarioText.Error($"""
            name: x
            {ScenarioText.MinimalTopics}
            faults:
              - at: soon
                killReplicator:
            """);

        error.Should().Be("test.yaml:8:9: faults[0].at is 'soon', not a duration; expected a time such as 30s, a count such as 'after 50000 records', or a cut-over step such as 'after moveProducers' or '2s after moveConsumers'");
    }

    [Test]
    public void Bad_tolerance_names_the_accepted_forms()
    {
        var error = ScenarioText.Error($"""
            name: x
            {ScenarioText.MinimalTopics}
            expect:
              duplicates: {"{"}max: lots{"}"}
            """);

        error.Should().Be("test.yaml:8:21: expect.duplicates.max is 'lots'; expected a count such as 0 or 100, a percentage such as 0.1%, or {max: 100} / {max: 0.1%}");
    }

    [Test]
    public void Yaml_syntax_error_is_located()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: "orders
            """);

        error.Should().StartWith("test.yaml:3:11: invalid YAML: ");
        error.Should().EndWith("; expected well-formed YAML (check brackets, quotes and indentation)");
    }

    [Test]
    public void Unclosed_flow_list_is_located()
    {
        var error = ScenarioText.Error("""
            name: x
            topics: [
            """);

        error.Should().MatchRegex(@"^test\.yaml:\d+:\d+: invalid YAML");
    }

    [Test]
    public void Duplicate_key_is_located()
    {
        var error = ScenarioText.Error($"""
            name: x
            name: y
            {ScenarioText.MinimalTopics}
            """);

        error.Should().Be("test.yaml:2:1: duplicate key 'name'; expected each key once per mapping");
    }

    [TestCase("")]
    [TestCase("# nothing but a comment\n")]
    public void Empty_file_is_refused(string yaml) =>
        ScenarioText.Error(yaml).Should().Be("test.yaml:1:1: the scenario is empty; expected a mapping with name, topics and the other scenario keys");

    [Test]
    public void Top_level_list_is_refused() =>
        ScenarioText.Error("- name: x\n").Should().Be("test.yaml:1:1: the scenario is a list; expected a mapping with name, topics and the other scenario keys");

    [Test]
    public void Every_problem_is_collected_in_file_order_and_the_first_is_the_message()
    {
        const string Yaml = """
            name: x
            seed: -1
            topics:
              - name: orders
                partitions: 0
                rate: fast
                records: 10
                compression: brotli
            consumers:
              - group: billing
                topics: [nope]
                progress: 1.5
            expect:
              drainWithin: never
            """;

        var exception = FluentActions.Invoking(() => ScenarioLoader.Parse(Yaml, "smoke.yaml")).Should().Throw<ScenarioException>().Which;

        exception.Errors.Select(e => (e.Location.Line, e.Location.Column)).Should().Equal(
            (2, 7), (5, 17), (6, 11), (8, 18), (11, 14), (12, 15), (14, 16));
        exception.Message.Should().Be(exception.Errors[0].ToString());
        exception.Message.Should().Be("smoke.yaml:2:7: seed is '-1', out of range; expected an integer from 0 to 2147483647");
        exception.Errors.Should().OnlyContain(e => !e.ToString().Contains('\n', StringComparison.Ordinal));
    }

    [Test]
    public void Message_stays_on_one_line_even_for_multi_line_values()
    {
        var error = ScenarioText.Error("""
            name: x
            topics:
              - name: orders
                partitions: |
                  six
                  seven
                rate: 100
                records: 10
            """);

        error.Should().NotContain("\n");
        error.Should().StartWith("test.yaml:4:17: topics[0].partitions is 'six seven ', not an integer;");
    }

    [Test]
    public void Load_file_names_the_path_as_given()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: x\ntopics: 3\n");
        try
        {
            FluentActions.Invoking(() => ScenarioLoader.LoadFile(path)).Should().Throw<ScenarioException>()
                .WithMessage($"{path}:2:9: topics is '3'; expected a list of topics*");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Missing_file_is_a_scenario_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yaml");

        FluentActions.Invoking(() => ScenarioLoader.LoadFile(path)).Should().Throw<ScenarioException>()
            .WithMessage($"{path}: cannot read the scenario file (*); expected a readable YAML file");
    }
}
