using Harness.Broker.Cluster;
using Harness.Broker.Protocol;
using Harness.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Broker.Tests.Groups;

/// <summary>The group state machine on the wire: member ids, generations, fencing, expiry and coordinator checks.</summary>
[Category("Integration")]
public sealed class GroupProtocolTests
{
    private static async Task<KafkaWireClient> ConnectToCoordinatorAsync(EmbeddedCluster cluster, string groupId, string clientId)
    {
        var first = cluster.Brokers[0];
        int coordinator;
        using (var probe = new KafkaWireClient(first.Host, first.Port, clientId))
        {
            coordinator = await GroupWire.FindCoordinatorAsync(probe, groupId);
        }

        var broker = cluster.Brokers.Single(b => b.Id == coordinator);
        return new KafkaWireClient(broker.Host, broker.Port, clientId);
    }

    private static async Task CompleteFirstGenerationAsync(KafkaWireClient client, WireJoinResponse join)
    {
        var sync = await GroupWire.SyncAsync(client, "g", join.GenerationId, join.MemberId, assignments: new Dictionary<string, byte[]> { [join.MemberId] = [1] });
        sync.Error.Should().Be(0);
    }

    [Test]
    public async Task JoinGroup_hands_out_member_ids_and_rebalances_when_members_join_and_leave()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("t", 4);
        using var a = await ConnectToCoordinatorAsync(cluster, "g", "client-a");
        using var b = await ConnectToCoordinatorAsync(cluster, "g", "client-b");

        var first = await GroupWire.JoinAsync(a, "g", "");
        first.Error.Should().Be((short)ErrorCode.MemberIdRequired);
        first.MemberId.Should().StartWith("client-a-");
        var a1 = await GroupWire.JoinAsync(a, "g", first.MemberId);
        a1.Should().BeEquivalentTo(new { Error = (short)0, GenerationId = 1, Protocol = "range", LeaderId = first.MemberId, MemberId = first.MemberId });
        a1.Members.Should().ContainSingle().Which.Metadata.Should().Equal(GroupWire.Subscription("t"));
        (await GroupWire.SyncAsync(a, "g", 1, a1.MemberId, assignments: new Dictionary<string, byte[]> { [a1.MemberId] = [1, 2, 3] }))
            .Assignment.Should().Equal(1, 2, 3);
        (await GroupWire.HeartbeatAsync(a, "g", 1, a1.MemberId)).Should().Be(ErrorCode.None);

        // A second member's join is held until the first rejoins, which it learns from its heartbeat.
        var bFirst = await GroupWire.JoinAsync(b, "g", "");
        var bJoin = GroupWire.JoinAsync(b, "g", bFirst.MemberId);
        await Eventually.TrueAsync(async () => await GroupWire.HeartbeatAsync(a, "g", 1, a1.MemberId) == ErrorCode.RebalanceInProgress,
            TimeSpan.FromSeconds(5), "b's join starts a rebalance");
        bJoin.IsCompleted.Should().BeFalse();
        var a2 = await GroupWire.JoinAsync(a, "g", a1.MemberId);
        var b2 = await bJoin;
        a2.GenerationId.Should().Be(2);
        b2.GenerationId.Should().Be(2);
        b2.LeaderId.Should().Be(a1.MemberId);
        a2.Members.Select(m => m.MemberId).Should().BeEquivalentTo([a1.MemberId, bFirst.MemberId]);
        b2.Members.Should().BeEmpty("only the leader gets the member list");

        // The follower's SyncGroup waits for the leader's assignment.
        var bSync = GroupWire.SyncAsync(b, "g", 2, b2.MemberId);
        using (var observer = await ConnectToCoordinatorAsync(cluster, "g", "observer"))
        {
            (await GroupWire.DescribeAsync(observer, "g")).State.Should().Be("CompletingRebalance");
        }

        var aSync = await GroupWire.SyncAsync(a, "g", 2, a2.MemberId, assignments: new Dictionary<string, byte[]> { [a2.MemberId] = [1], [b2.MemberId] = [2] });
        aSync.Assignment.Should().Equal(1);
        (await bSync).Assignment.Should().Equal(2);

        (await GroupWire.HeartbeatAsync(b, "g", 1, b2.MemberId)).Should().Be(ErrorCode.IllegalGeneration);
        (await GroupWire.HeartbeatAsync(b, "g", 2, "nobody")).Should().Be(ErrorCode.UnknownMemberId);
        var described = await GroupWire.DescribeAsync(a, "g");
        (described.Error, described.State, described.Protocol).Should().Be((ErrorCode.None, "Stable", "range"));
        described.Members.Should().BeEquivalentTo([a2.MemberId, b2.MemberId]);

        var leave = await GroupWire.LeaveAsync(a, "g", (a2.MemberId, null), ("nobody", null));
        leave.Members.Should().Equal(ErrorCode.None, ErrorCode.UnknownMemberId);
        (await GroupWire.HeartbeatAsync(b, "g", 2, b2.MemberId)).Should().Be(ErrorCode.RebalanceInProgress);
        var b3 = await GroupWire.JoinAsync(b, "g", b2.MemberId);
        b3.Should().BeEquivalentTo(new { Error = (short)0, GenerationId = 3, LeaderId = b2.MemberId });
        b3.Members.Should().ContainSingle();
    }

    [Test]
    public async Task Members_expire_by_session_timeout_and_rebalance_timeout_without_any_request()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var cluster = EmbeddedCluster.Start(time: time);
        cluster.CreateTopic("t", 2);
        using var a = await ConnectToCoordinatorAsync(cluster, "g", "a");
        using var b = await ConnectToCoordinatorAsync(cluster, "g", "b");
        var a1 = await GroupWire.JoinNewAsync(a, "g", sessionTimeoutMs: 6000, rebalanceTimeoutMs: 20_000);
        await CompleteFirstGenerationAsync(a, a1);

        var bJoin = GroupWire.JoinNewAsync(b, "g", sessionTimeoutMs: 6000, rebalanceTimeoutMs: 20_000);
        await Eventually.TrueAsync(async () => await GroupWire.HeartbeatAsync(a, "g", 1, a1.MemberId) == ErrorCode.RebalanceInProgress, TimeSpan.FromSeconds(5), "b's join starts a rebalance");
        var a2 = await GroupWire.JoinAsync(a, "g", a1.MemberId, sessionTimeoutMs: 6000, rebalanceTimeoutMs: 20_000);
        var b2 = await bJoin;
        var bSync = GroupWire.SyncAsync(b, "g", 2, b2.MemberId);
        await GroupWire.SyncAsync(a, "g", 2, a2.MemberId, assignments: new Dictionary<string, byte[]> { [a2.MemberId] = [1], [b2.MemberId] = [2] });
        (await bSync).Error.Should().Be(0);

        // b goes silent: its session (6 s) runs out while a keeps heartbeating.
        time.Advance(TimeSpan.FromSeconds(5));
        (await GroupWire.HeartbeatAsync(a, "g", 2, a2.MemberId)).Should().Be(ErrorCode.None);
        time.Advance(TimeSpan.FromSeconds(2));
        (await GroupWire.HeartbeatAsync(a, "g", 2, a2.MemberId)).Should().Be(ErrorCode.RebalanceInProgress);
        (await GroupWire.HeartbeatAsync(b, "g", 2, b2.MemberId)).Should().Be(ErrorCode.UnknownMemberId);
        var a3 = await GroupWire.JoinAsync(a, "g", a2.MemberId, sessionTimeoutMs: 6000, rebalanceTimeoutMs: 20_000);
        a3.GenerationId.Should().Be(3);
        a3.Members.Should().ContainSingle();
        await GroupWire.SyncAsync(a, "g", 3, a3.MemberId);

        // c joins; a keeps heartbeating but never rejoins, so the join completes at the rebalance timeout without a.
        using var c = await ConnectToCoordinatorAsync(cluster, "g", "c");
        var cJoin = GroupWire.JoinNewAsync(c, "g", sessionTimeoutMs: 6000, rebalanceTimeoutMs: 20_000);
        await Eventually.TrueAsync(async () => await GroupWire.HeartbeatAsync(a, "g", 3, a3.MemberId) == ErrorCode.RebalanceInProgress, TimeSpan.FromSeconds(5), "c's join starts a rebalance");
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromSeconds(4));
            (await GroupWire.HeartbeatAsync(a, "g", 3, a3.MemberId)).Should().Be(ErrorCode.RebalanceInProgress);
            cJoin.IsCompleted.Should().BeFalse();
        }

        time.Advance(TimeSpan.FromSeconds(5));
        var c4 = await cJoin;
        c4.Should().BeEquivalentTo(new { Error = (short)0, GenerationId = 4, LeaderId = c4.MemberId });
        c4.Members.Should().ContainSingle();
        (await GroupWire.HeartbeatAsync(a, "g", 3, a3.MemberId)).Should().Be(ErrorCode.UnknownMemberId);

        // The last member expires: the group is Empty, with no request arriving in between.
        await GroupWire.SyncAsync(c, "g", 4, c4.MemberId);
        time.Advance(TimeSpan.FromSeconds(7));
        var described = await GroupWire.DescribeAsync(c, "g");
        described.State.Should().Be("Empty");
        described.Members.Should().BeEmpty();
    }

    [Test]
    public async Task A_static_member_that_restarts_keeps_its_assignment_and_fences_its_old_id()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("t", 2);
        using var a = await ConnectToCoordinatorAsync(cluster, "g", "a");
        using var b = await ConnectToCoordinatorAsync(cluster, "g", "b");
        var a1 = await GroupWire.JoinAsync(a, "g", "", instanceId: "instance-a");
        a1.Error.Should().Be(0, "static members get their id without MEMBER_ID_REQUIRED");
        a1.MemberId.Should().StartWith("instance-a-");
        await CompleteFirstGenerationAsync(a, a1);
        var bJoin = GroupWire.JoinAsync(b, "g", "", instanceId: "instance-b");
        await Eventually.TrueAsync(async () => await GroupWire.HeartbeatAsync(a, "g", 1, a1.MemberId, "instance-a") == ErrorCode.RebalanceInProgress, TimeSpan.FromSeconds(5), "b's join starts a rebalance");
        var a2 = await GroupWire.JoinAsync(a, "g", a1.MemberId, instanceId: "instance-a");
        var b2 = await bJoin;
        a2.Members.Select(m => m.GroupInstanceId).Should().BeEquivalentTo(["instance-a", "instance-b"]);
        var bSync = GroupWire.SyncAsync(b, "g", 2, b2.MemberId, "instance-b");
        await GroupWire.SyncAsync(a, "g", 2, a2.MemberId, "instance-a", new Dictionary<string, byte[]> { [a2.MemberId] = [1], [b2.MemberId] = [2] });
        (await bSync).Assignment.Should().Equal(2);

        // b restarts: same instance id, no member id. It gets a new id in the same generation, no rebalance.
        using var restarted = await ConnectToCoordinatorAsync(cluster, "g", "b");
        var b3 = await GroupWire.JoinAsync(restarted, "g", "", instanceId: "instance-b");
        b3.Error.Should().Be(0);
        b3.GenerationId.Should().Be(2);
        b3.MemberId.Should().NotBe(b2.MemberId);
        (await GroupWire.SyncAsync(restarted, "g", 2, b3.MemberId, "instance-b")).Assignment.Should().Equal(2);
        (await GroupWire.HeartbeatAsync(a, "g", 2, a2.MemberId, "instance-a")).Should().Be(ErrorCode.None);
        (await GroupWire.HeartbeatAsync(b, "g", 2, b2.MemberId, "instance-b")).Should().Be(ErrorCode.FencedInstanceId);

        var leave = await GroupWire.LeaveAsync(restarted, "g", ("", "instance-b"));
        leave.Members.Should().Equal(ErrorCode.None);
        (await GroupWire.HeartbeatAsync(a, "g", 2, a2.MemberId, "instance-a")).Should().Be(ErrorCode.RebalanceInProgress);
    }

    [Test]
    public async Task Offset_commits_check_member_and_generation_and_fetch_returns_minus_one_without_a_commit()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("t", 3);
        using var a = await ConnectToCoordinatorAsync(cluster, "g", "a");

        (await GroupWire.CommitAsync(a, "g", 3, "someone", 0, 10)).Should().Be(ErrorCode.IllegalGeneration, "an unknown group has no generation 3");
        (await GroupWire.CommitAsync(a, "g", -1, "", 0, 10, leaderEpoch: 4, metadata: "m0")).Should().Be(ErrorCode.None, "a simple commit to a group without members");
        var fetched = await GroupWire.FetchOffsetsAsync(a, "g", [0, 1]);
        fetched.Error.Should().Be(ErrorCode.None);
        fetched.Partitions.Should().Equal(("t", 0, 10L, 4, "m0", ErrorCode.None), ("t", 1, -1L, -1, "", ErrorCode.None));

        var join = await GroupWire.JoinNewAsync(a, "g");
        await CompleteFirstGenerationAsync(a, join);
        (await GroupWire.CommitAsync(a, "g", -1, "", 1, 5)).Should().Be(ErrorCode.UnknownMemberId, "simple commits are refused while the group has members");
        (await GroupWire.CommitAsync(a, "g", join.GenerationId + 1, join.MemberId, 1, 5)).Should().Be(ErrorCode.IllegalGeneration);
        (await GroupWire.CommitAsync(a, "g", join.GenerationId, "nobody", 1, 5)).Should().Be(ErrorCode.UnknownMemberId);
        (await GroupWire.CommitAsync(a, "g", join.GenerationId, join.MemberId, 1, 5)).Should().Be(ErrorCode.None);

        var all = await GroupWire.FetchOffsetsAsync(a, "g", null);
        all.Partitions.Select(p => (p.Partition, p.Offset)).Should().Equal((0, 10L), (1, 5L));
        (await GroupWire.FetchOffsetsAsync(a, "unknown-group", [2])).Partitions.Should().Equal(("t", 2, -1L, -1, "", ErrorCode.None));
    }

    [Test]
    public async Task A_broker_that_does_not_coordinate_the_group_answers_NOT_COORDINATOR()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("t", 1);
        using var coordinator = await ConnectToCoordinatorAsync(cluster, "g", "a");
        var coordinatorId = await GroupWire.FindCoordinatorAsync(coordinator, "g");
        var other = cluster.Brokers.First(b => b.Id != coordinatorId);
        using var wrong = new KafkaWireClient(other.Host, other.Port, "a");

        (await GroupWire.JoinAsync(wrong, "g", "")).Error.Should().Be((short)ErrorCode.NotCoordinator);
        (await GroupWire.HeartbeatAsync(wrong, "g", 1, "m")).Should().Be(ErrorCode.NotCoordinator);
        (await GroupWire.CommitAsync(wrong, "g", -1, "", 0, 1)).Should().Be(ErrorCode.NotCoordinator);
        (await GroupWire.FetchOffsetsAsync(wrong, "g", [0])).Error.Should().Be(ErrorCode.NotCoordinator);
        (await GroupWire.DescribeAsync(wrong, "g")).Error.Should().Be(ErrorCode.NotCoordinator);

        // After the coordinator dies another broker takes the group over, offsets included.
        (await GroupWire.CommitAsync(coordinator, "g", -1, "", 0, 7)).Should().Be(ErrorCode.None);
        cluster.KillBroker(coordinatorId);
        var survivor = cluster.Brokers.First(b => b.Id != coordinatorId);
        using var probe = new KafkaWireClient(survivor.Host, survivor.Port, "a");
        var moved = await GroupWire.FindCoordinatorAsync(probe, "g");
        moved.Should().NotBe(coordinatorId);
        var newCoordinator = cluster.Brokers.Single(b => b.Id == moved);
        using var next = new KafkaWireClient(newCoordinator.Host, newCoordinator.Port, "a");
        (await GroupWire.FetchOffsetsAsync(next, "g", [0])).Partitions.Single().Offset.Should().Be(7);
    }

    [Test]
    public async Task Injected_errors_fail_group_requests_without_changing_the_group()
    {
        await using var cluster = EmbeddedCluster.Start();
        cluster.CreateTopic("t", 1);
        using var a = await ConnectToCoordinatorAsync(cluster, "g", "a");
        var join = await GroupWire.JoinNewAsync(a, "g");
        await CompleteFirstGenerationAsync(a, join);

        cluster.InjectErrors(ApiKey.Heartbeat, ErrorCode.CoordinatorLoadInProgress, 1);
        cluster.InjectErrors(ApiKey.LeaveGroup, ErrorCode.CoordinatorNotAvailable, 1);
        cluster.InjectErrors(ApiKey.JoinGroup, ErrorCode.NotCoordinator, 1);
        (await GroupWire.HeartbeatAsync(a, "g", join.GenerationId, join.MemberId)).Should().Be(ErrorCode.CoordinatorLoadInProgress);
        (await GroupWire.HeartbeatAsync(a, "g", join.GenerationId, join.MemberId)).Should().Be(ErrorCode.None);
        (await GroupWire.LeaveAsync(a, "g", (join.MemberId, null))).Error.Should().Be(ErrorCode.CoordinatorNotAvailable);
        (await GroupWire.JoinAsync(a, "g", join.MemberId)).Error.Should().Be((short)ErrorCode.NotCoordinator);
        var described = await GroupWire.DescribeAsync(a, "g");
        described.State.Should().Be("Stable");
        described.Members.Should().Equal(join.MemberId);
    }

    [Test]
    public async Task Group_apis_are_advertised_only_at_their_non_flexible_versions()
    {
        await using var cluster = EmbeddedCluster.Start();
        var broker = cluster.Brokers[0];
        using var client = new KafkaWireClient(broker.Host, broker.Port, "versions");
        var reader = await client.SendAsync(ApiKey.ApiVersions, 0, _ => { });
        reader.ReadInt16().Should().Be(0);
        var versions = new Dictionary<ApiKey, (short Min, short Max)>();
        var count = reader.ReadArrayLength();
        for (var i = 0; i < count; i++)
        {
            versions[(ApiKey)reader.ReadInt16()] = (reader.ReadInt16(), reader.ReadInt16());
        }

        versions.Should().Contain(new Dictionary<ApiKey, (short, short)>
        {
            [ApiKey.OffsetCommit] = (2, 7),
            [ApiKey.OffsetFetch] = (1, 5),
            [ApiKey.JoinGroup] = (0, 5),
            [ApiKey.Heartbeat] = (0, 3),
            [ApiKey.LeaveGroup] = (0, 3),
            [ApiKey.SyncGroup] = (0, 3),
            [ApiKey.DescribeGroups] = (0, 4),
            [ApiKey.ListGroups] = (0, 4),
            [ApiKey.DeleteGroups] = (0, 1),
            [ApiKey.OffsetDelete] = (0, 0),
        });
    }
}
